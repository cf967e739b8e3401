import { execFile, spawnSync } from 'node:child_process';

/** What a Python interpreter offers for running and reviewing playbooks. */
export interface PythonRuntime {
  interpreter: string;
  /** e.g. "3.11.2"; empty when the interpreter could not be started. */
  version: string;
  /** Module name -> importable. */
  modules: Record<string, boolean>;
  /** True when every required module is importable. */
  ok: boolean;
  /** Plain words: what is there, what is missing and how to fix it. */
  message: string;
}

/** Modules a generated playbook cannot run without. */
export const REQUIRED_MODULES = ['msal', 'requests'] as const;
/** Modules used when present: Key Vault secrets, and bandit for the review. */
export const OPTIONAL_MODULES = ['azure.identity', 'azure.keyvault.secrets', 'bandit'] as const;

const INSTALL_HINT =
  'install them with `apt-get install -y python3-msal python3-requests python3-azure bandit`, ' +
  'or set RAMPART_PYTHON to a Python 3 interpreter that has them';

const CANDIDATES = ['/usr/bin/python3', 'python3'];
let resolved: string | undefined;
const runtimes = new Map<string, Promise<PythonRuntime>>();

/**
 * The interpreter that runs playbooks: the configured one (RAMPART_PYTHON), else the first of
 * /usr/bin/python3, python3 that can import msal and requests, else python3.
 */
export function resolvePythonInterpreter(configured?: string): string {
  const explicit = configured?.trim() || process.env.RAMPART_PYTHON?.trim();
  if (explicit) return explicit;
  if (resolved) return resolved;
  for (const candidate of CANDIDATES) {
    const probe = spawnSync(candidate, ['-c', 'import msal, requests'], { stdio: 'ignore', timeout: 10_000 });
    if (probe.status === 0) {
      resolved = candidate;
      return candidate;
    }
  }
  // Nothing has the modules: python3 still gives the clearest error at run time.
  resolved = 'python3';
  return resolved;
}

const PROBE = `
import importlib.util, json, sys
mods = {}
for name in sys.argv[1:]:
    try:
        mods[name] = importlib.util.find_spec(name) is not None
    except Exception:
        mods[name] = False
print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "modules": mods}))
`;

/** Checks (once per interpreter) that it starts and which playbook modules it can import. */
export function checkPythonRuntime(interpreter: string): Promise<PythonRuntime> {
  let cached = runtimes.get(interpreter);
  if (!cached) {
    cached = probeRuntime(interpreter);
    runtimes.set(interpreter, cached);
  }
  return cached;
}

function probeRuntime(interpreter: string): Promise<PythonRuntime> {
  const names = [...REQUIRED_MODULES, ...OPTIONAL_MODULES];
  return new Promise((resolve) => {
    execFile(interpreter, ['-c', PROBE, ...names], { timeout: 15_000, env: process.env }, (err, stdout) => {
      const modules: Record<string, boolean> = Object.fromEntries(names.map((n) => [n, false]));
      if (err) {
        resolve({
          interpreter,
          version: '',
          modules,
          ok: false,
          message: `Python interpreter "${interpreter}" could not be started (${err.message.split('\n')[0]}); ${INSTALL_HINT}.`,
        });
        return;
      }
      let version = '';
      try {
        const parsed = JSON.parse(stdout) as { version: string; modules: Record<string, boolean> };
        version = parsed.version;
        Object.assign(modules, parsed.modules);
      } catch {
        // Left as "nothing importable": the message below says so.
      }
      const missing = REQUIRED_MODULES.filter((m) => !modules[m]);
      const missingOptional = OPTIONAL_MODULES.filter((m) => !modules[m]);
      const ok = missing.length === 0 && version !== '';
      const optionalNote =
        missingOptional.length > 0 ? ` Optional modules missing: ${missingOptional.join(', ')} (Key Vault secrets / bandit review unavailable).` : '';
      const message = ok
        ? `Python ${version} at ${interpreter} can run playbooks.${optionalNote}`
        : `Python ${version || '(unknown version)'} at ${interpreter} cannot run playbooks: missing ${missing.join(', ')}; ${INSTALL_HINT}.${optionalNote}`;
      resolve({ interpreter, version, modules, ok, message });
    });
  });
}
