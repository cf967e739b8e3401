/** One request the simulator received, as `GET /_sim/calls` lists it. */
export interface RecordedCall {
  seq: number;
  time: string;
  method: string;
  path: string;
  status: number;
  body: unknown;
  /** The write call's name (ACTION_NAMES in src/playbooks/spec.ts); null for reads. */
  action: string | null;
}

const MAX_CALLS = 20_000;

/** The in-order log of API calls (control calls excluded), bounded so a long demo cannot exhaust memory. */
export class CallLog {
  private calls: RecordedCall[] = [];
  private seq = 0;

  /** Appends a call and gives it the next sequence number. */
  record(call: Omit<RecordedCall, 'seq' | 'time'>): RecordedCall {
    const recorded = { seq: ++this.seq, time: new Date().toISOString(), ...call };
    this.calls.push(recorded);
    if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS);
    return recorded;
  }

  /** Calls after the given sequence number (all by default). */
  list(afterSeq = 0): RecordedCall[] {
    return this.calls.filter((c) => c.seq > afterSeq);
  }

  /** Empties the log; sequence numbers keep increasing so a reader's cursor stays valid. */
  clear(): void {
    this.calls = [];
  }
}
