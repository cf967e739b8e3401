/** How bad a finding is; `blocking` (not severity) decides whether a playbook can be approved. */
export type FindingSeverity = 'high' | 'medium' | 'low' | 'info';

/** Which tool produced a finding. */
export type FindingSource = 'py_compile' | 'pyflakes' | 'bandit' | 'rampart';

/** One review finding, as shown on the review card and by `rampart review`. */
export interface Finding {
  /** RAMP000..RAMP012 for Rampart's rules and pyflakes (RAMP010), bandit's test id (e.g. B501) for bandit's. */
  rule: string;
  severity: FindingSeverity;
  /** 1-based line in the reviewed source; 0 when the finding is about the whole file. */
  line: number;
  message: string;
  /** One line: what to change. */
  fix: string;
  blocking: boolean;
  source: FindingSource;
}

/** A Defender / Graph permission (or VirusTotal key) the code needs, inferred from the API paths it calls. */
export interface RequiredPermission {
  name: string;
  api: 'Defender' | 'Graph' | 'VirusTotal';
  why: string;
}

export type ToolStatus = 'ok' | 'failed' | 'unavailable';

/** The result of reviewing one Python file. */
export interface Review {
  findings: Finding[];
  /** True when any finding is blocking: the playbook cannot be approved as it is. */
  blocking: boolean;
  permissions: RequiredPermission[];
  tools: {
    /** 'failed' means a syntax error (itself a blocking finding). */
    pyCompile: ToolStatus;
    /** Rampart's own AST rules (src/playbooks/review/rules.py). */
    rules: ToolStatus;
    bandit: ToolStatus;
    /** Undefined names, unused imports and the like (Debian pyflakes3); optional for reviews stored before it ran. */
    pyflakes?: ToolStatus;
  };
  durationMs: number;
}

/** Options for a review. */
export interface ReviewOptions {
  /** The interpreter to run py_compile, the rules and bandit with (default: resolvePythonInterpreter()). */
  python?: string;
  /** Hosts allowed on top of the built-in allow-list (`*.example.com` patterns accepted). */
  allowedHosts?: string[];
  /** Skip bandit (tests of the rules alone); default false. */
  skipBandit?: boolean;
}
