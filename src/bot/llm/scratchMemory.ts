import type { Memory } from '@microsoft/teams-ai';

/**
 * The memory one model call renders its prompt from. Each call gets a fresh one: the thread's
 * history is handed in explicitly by the authoring layer, never kept here between requests.
 */
export class ScratchMemory implements Memory {
  private readonly values = new Map<string, unknown>();

  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.setValue(k, v);
  }

  deleteValue(path: string): void {
    this.values.delete(ScratchMemory.key(path));
  }

  hasValue(path: string): boolean {
    return this.values.has(ScratchMemory.key(path));
  }

  getValue<TValue = unknown>(path: string): TValue {
    return this.values.get(ScratchMemory.key(path)) as TValue;
  }

  setValue(path: string, value: unknown): void {
    this.values.set(ScratchMemory.key(path), value);
  }

  // teams-ai templates say `{{$name}}` for `temp.name`.
  private static key(path: string): string {
    return path.includes('.') ? path : `temp.${path}`;
  }
}
