/**
 * Child processes the end-to-end test starts, each in its own process group, so that stopping
 * one stops everything it started (code-server's extension host, the language server, ...).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export class ProcessGroup {
  output = '';
  private exited: Promise<void>;

  private constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
  }

  static start(name: string, command: string, args: string[], options: SpawnOptions = {}): ProcessGroup {
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ProcessGroup(name, child);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when `pattern` appears in the output; rejects on exit or timeout. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.output.match(pattern);
      if (m) return m;
      if (!this.running) throw new Error(`${this.name} exited (code ${this.child.exitCode}, signal ${this.child.signalCode}):\n${this.output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: no ${pattern} in its output within ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Resolves with the exit code. */
  async wait(): Promise<number | null> {
    await this.exited;
    return this.child.exitCode;
  }

  /**
   * SIGTERM to the whole group, SIGKILL after `graceMs`; then SIGKILL to every descendant still
   * alive, including those that left the group (setsid). Resolves when they are all gone.
   */
  async stop(graceMs = 5000): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    const family = descendants(pid);
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    signalGroup(pid, 'SIGKILL');
    for (const p of [...family, ...descendants(pid)]) signalPid(p, 'SIGKILL');
    const deadline = Date.now() + graceMs;
    while (family.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }
}

/** The pids of every live descendant of `root` (from /proc; empty where there is no /proc). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // Exited meanwhile.
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const c of children.get(queue.shift()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone.
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone.
  }
}
