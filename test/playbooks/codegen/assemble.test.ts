import assert from 'node:assert/strict';
import { assembleRuntime, identifiersIn, runtimeFiles } from '../../../src/playbooks/codegen/assemble';

describe('assembling the runtime a playbook reaches', () => {
  it('when code mentions names only in strings, comments or after a dot, then they are not counted as used', () => {
    const used = identifiersIn('x = graph(ctx)  # verdict\ny = "describe_verdict" + ctx.short\n"""emit"""\n');
    assert.deepEqual([...used].sort(), ['ctx', 'graph', 'x', 'y']);
  });

  it('when the playbook calls one runtime function, then what that function reaches comes along and nothing else', () => {
    const { imports, runtime } = assembleRuntime('def run_playbook(ctx, incident):\n    return post_to_teams(ctx, incident, None, {})\n');
    assert.match(runtime, /^def post_to_teams\(/m);
    assert.match(runtime, /^def perform\(/m, 'post_to_teams sends through perform');
    assert.match(runtime, /^def http_request\(/m);
    assert.doesNotMatch(runtime, /^def (graph|verdict|machine_action|create_indicator)\(/m);
    assert.deepEqual(imports, ['import json', 'import sys', 'import time', '', 'import requests'], 'no msal or os: nothing it reaches signs in or reads settings');
  });

  it('when the runtime files are parsed, then every definition has a single owner file and the imports of the .py files are left out', () => {
    const names = runtimeFiles().flatMap((f) => f.blocks.flatMap((b) => b.names));
    assert.equal(new Set(names).size, names.length, 'no name is defined twice across the runtime files');
    for (const f of runtimeFiles()) for (const b of f.blocks) assert.doesNotMatch(b.text, /^(import|from) /m, `${f.name}: ${b.names[0]}`);
  });

  it('when the same code is assembled twice, then the bytes are the same', () => {
    const code = 'def run_playbook(ctx, incident):\n    return machine_action(ctx, "isolate", "isolate", {}, {}, {})\n';
    assert.equal(assembleRuntime(code).runtime, assembleRuntime(code).runtime);
  });
});
