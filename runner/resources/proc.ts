/**
 * Reading Linux `/proc`: CPU times, memory, threads and open files of a process, the
 * machine's CPU counters, and processes by command line. Shared by the resource sampler and
 * the k6 overhead benchmark (bench/support/k6-process.ts). Reads are synchronous: each is a
 * few microseconds of kernel work, and doing them inline lets the sampler measure its own cost.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

function getconf(name: string, fallback: number): number {
  try {
    const value = Number.parseInt(execFileSync('getconf', [name], { encoding: 'utf8' }).trim(), 10);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  } catch {
    return fallback;
  }
}

/** Clock ticks per second of the `/proc` CPU counters (USER_HZ, almost always 100). */
export const TICKS_PER_SECOND = getconf('CLK_TCK', 100);

/** Bytes per memory page (the unit of the `rss` field of `/proc/<pid>/stat`). */
export const PAGE_SIZE = getconf('PAGESIZE', 4096);

/** The numeric fields of a `/proc/<pid>/stat` line after the `(comm)` field, 0-based from field 3 (`state` is NaN). */
export function statFields(text: string): number[] {
  return text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map((field) => Number(field));
}

/** What `/proc/<pid>/stat` says about a process. */
export interface ProcStat {
  readonly ppid: number;
  /** utime + stime, s. */
  readonly cpuSeconds: number;
  /** cutime + cstime (reaped children), s. */
  readonly childrenCpuSeconds: number;
  readonly threads: number;
  readonly rssBytes: number;
}

/**
 * Parses `/proc/<pid>/stat` of a process (`self` for this one).
 *
 * @throws the `readFileSync` error when the process does not exist (ENOENT)
 */
export function readProcStat(pid: number | 'self'): ProcStat {
  const fields = statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  // 0-based after the comm field: ppid 1, utime 11, stime 12, cutime 13, cstime 14, num_threads 17, rss 21 (pages).
  const at = (index: number): number => fields[index] ?? 0;
  return {
    ppid: at(1),
    cpuSeconds: (at(11) + at(12)) / TICKS_PER_SECOND,
    childrenCpuSeconds: (at(13) + at(14)) / TICKS_PER_SECOND,
    threads: at(17),
    rssBytes: at(21) * PAGE_SIZE,
  };
}

/** utime+stime and cutime+cstime of a process, in seconds. */
export function processTimes(pid: number | 'self'): { own: number; children: number } {
  const stat = readProcStat(pid);
  return { own: stat.cpuSeconds, children: stat.childrenCpuSeconds };
}

/** Cumulative CPU seconds of the whole machine from `/proc/stat`: busy (excluding steal), steal, and all. */
export function machineTimes(): { busy: number; steal: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq; // guest time is already inside user
  return { busy: busy / TICKS_PER_SECOND, steal: steal / TICKS_PER_SECOND, total: (busy + idle + iowait + steal) / TICKS_PER_SECOND };
}

/** Open file descriptors of a process; null when `/proc/<pid>/fd` is not readable (another user's process). */
export function openFileCount(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/** The command line of a process, arguments joined by spaces; null when it is gone. */
export function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

/** This process and its ancestors (they carry the sampler's own command line, pattern included). */
export function selfAndAncestors(): Set<number> {
  const chain = new Set<number>([process.pid]);
  let pid = process.ppid;
  while (pid > 1 && !chain.has(pid)) {
    chain.add(pid);
    try {
      pid = readProcStat(pid).ppid;
    } catch {
      break;
    }
  }
  return chain;
}

/**
 * Processes whose command line matches `pattern`, in pid order, leaving out `exclude` (this
 * process and its ancestors, whose command line contains the pattern itself).
 */
export function findProcesses(pattern: RegExp, exclude: ReadonlySet<number>): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (exclude.has(pid)) continue;
    const cmdline = commandLine(pid);
    if (cmdline !== null && cmdline !== '' && pattern.test(cmdline)) pids.push(pid);
  }
  return pids.sort((a, b) => a - b);
}

/** True when this machine has the `/proc` files the measurements need (Linux). */
export function canReadProc(): boolean {
  try {
    readProcStat('self');
    machineTimes();
    return true;
  } catch {
    return false;
  }
}
