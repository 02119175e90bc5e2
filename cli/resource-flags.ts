import { InvalidArgumentError } from '@commander-js/extra-typings';
import { StagecraftError } from '../core/errors.js';
import { collectResourceTarget, type ResourceTarget } from '../runner/resources/targets.js';

/** Commander parser of a repeatable `--resource` flag: a usage error becomes commander's own. */
export function collectResource(value: string, previous: ResourceTarget[] = []): ResourceTarget[] {
  try {
    return collectResourceTarget(value, previous);
  } catch (error) {
    if (error instanceof StagecraftError) throw new InvalidArgumentError(`${error.message}; fix: ${error.fix ?? ''}`);
    throw error;
  }
}

/** Help text of a resource-target flag. */
export function resourceHelp(what: string): string {
  return `${what}: SERVICE=pid:PID[,PID] | SERVICE=pattern:REGEX | SERVICE=prometheus:URL; sampled once per second while k6 runs (docs/resources.md); repeatable`;
}
