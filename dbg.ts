import { normalizeRequest } from './src/playbooks/planner/normalize';
const r = normalizeRequest(process.argv[2]);
console.log(JSON.stringify(r.text), JSON.stringify(r.background));
