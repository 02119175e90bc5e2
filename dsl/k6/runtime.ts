import { group, sleep } from 'k6';
import { durationToMs } from '../../core/duration.js';
import type { Configurable } from '../env.js';
import type { GrpcMethod } from '../grpc.js';
import type { HttpEndpoint } from '../http.js';
import type { TestDefinition } from '../test.js';
import type { GrpcCall, GrpcResult, GrpcStreamResult, HttpResult, ThinkTime, Vu } from '../vu.js';
import { resolveConfigurable } from './env.js';
import type { GrpcAssets } from './grpc-call.js';
import { HttpCaller, type UntypedHttpCall } from './http-call.js';

/** What the compiler tells the runtime about files it placed next to the script. */
export interface RuntimePlan {
  /** Proto files per gRPC service name. */
  readonly grpc: Readonly<Record<string, GrpcAssets>>;
  /** Data file per data source name, relative to the script (read by `loadDataSources`). */
  readonly data: Readonly<Record<string, string>>;
}

/** The gRPC side of the runtime (`GrpcClients`), passed in only by scripts that use gRPC. */
export interface GrpcCaller {
  unary<Req, Res>(method: GrpcMethod<Req, Res>, request: Req, call: GrpcCall<Res> | undefined): GrpcResult<Res>;
  stream<Req, Res>(method: GrpcMethod<Req, Res>, requests: readonly Req[], call: GrpcCall<Res> | undefined): Promise<GrpcStreamResult<Res>>;
}

/** The functions the generated script exports to k6. */
export interface TestRuntime {
  /**
   * The function k6 calls for each iteration of the named scenario (exported under the
   * scenario's name). The scenario and the VU's `vu` object are looked up once, so an
   * iteration costs one call more than the flow itself.
   */
  iteration(scenario: string): (data: unknown) => void | Promise<void>;
  setup(): unknown;
  teardown(data: unknown): void;
}

/** Parsed think times, made on the first `vu.sleep` (VUs of flows without think time need none). */
let thinkTimeMs: Map<string, number> | undefined;

function parsedMs(duration: string): number {
  thinkTimeMs ??= new Map();
  let ms = thinkTimeMs.get(duration);
  if (ms === undefined) {
    ms = durationToMs(duration);
    thinkTimeMs.set(duration, ms);
  }
  return ms;
}

/** Seconds to sleep for a think time: a duration, or a range picked uniformly (durations parsed once per VU). */
export function thinkTimeSeconds(time: ThinkTime): number {
  if (typeof time === 'string') return parsedMs(time) / 1000;
  const [low, high] = time;
  const lowMs = parsedMs(low);
  return (lowMs + Math.random() * (parsedMs(high) - lowMs)) / 1000;
}

function pickWeighted<T>(weighted: readonly (readonly [number, T])[]): T {
  let total = 0;
  for (const [weight] of weighted) total += weight;
  let point = Math.random() * total;
  for (const [weight, item] of weighted) {
    point -= weight;
    if (point < 0) return item;
  }
  const last = weighted.at(-1);
  if (!last) throw new Error('stagecraft: vu.pick needs at least one weighted item');
  return last[1];
}

function noGrpc(): never {
  throw new Error('stagecraft: this script was compiled without gRPC support (the test lists no gRPC service)');
}

/**
 * The `vu` object flows receive. One per VU and test phase: only `data` and `iteration` change
 * between iterations, so no closures are allocated per iteration.
 */
class VuContext implements Vu<unknown> {
  // `declare`d and assigned in the constructor: class fields would be bundled as
  // `Object.defineProperty` calls, slower than assignments in k6's engine.
  declare private readonly httpCaller: HttpCaller;
  declare private readonly grpcCaller: GrpcCaller | undefined;
  declare data: unknown;
  declare readonly id: number;
  declare iteration: number;

  constructor(httpCaller: HttpCaller, grpcCaller: GrpcCaller | undefined, data: unknown, id: number) {
    this.httpCaller = httpCaller;
    this.grpcCaller = grpcCaller;
    this.data = data;
    this.id = id;
    this.iteration = 0;
  }

  http(endpoint: HttpEndpoint, call?: UntypedHttpCall): HttpResult {
    return this.httpCaller.call(endpoint, call);
  }

  grpc<Req, Res>(method: GrpcMethod<Req, Res>, request: Req, call?: GrpcCall<Res>): GrpcResult<Res> {
    return (this.grpcCaller ?? noGrpc()).unary(method, request, call);
  }

  grpcStream<Req, Res>(method: GrpcMethod<Req, Res>, requests: readonly Req[], call?: GrpcCall<Res>): Promise<GrpcStreamResult<Res>> {
    return (this.grpcCaller ?? noGrpc()).stream(method, requests, call);
  }

  sleep(time: ThinkTime): void {
    sleep(thinkTimeSeconds(time));
  }

  group<T>(name: string, body: () => T): T {
    return group(name, body);
  }

  env(value: Configurable): string {
    return resolveConfigurable(value, 'flow setting');
  }

  pick<T>(weighted: readonly (readonly [number, T])[]): T {
    return pickWeighted(weighted);
  }
}

/**
 * The `vu` the runtime last passed to a flow, setup or teardown in this VU (k6 runs setup and
 * teardown in VUs of their own). A compiled call site sends its request straight to k6 when its
 * receiver is this object, and otherwise makes the general `vu.http` call on whatever it was
 * given: one comparison of two references, where `vu instanceof VuContext` cost k6's engine
 * about 2,500 instructions per call (callgrind, k6 v2.2).
 */
export let activeVu: VuContext | undefined;

/**
 * Builds the k6 side of a test at the top level of the generated script (init context). The
 * entry module passes `GrpcClients` (which loads proto files, allowed only there) when the test
 * has gRPC services, and loads data files with `loadDataSources`; HTTP-only scripts bundle
 * neither.
 */
export function createRuntime(test: TestDefinition, grpcCaller?: GrpcCaller): TestRuntime {
  const httpCaller = new HttpCaller();
  let vu: VuContext | undefined;
  const context = (data: unknown, id: number, iteration: number): Vu<unknown> => {
    const current = new VuContext(httpCaller, grpcCaller, data, id);
    current.iteration = iteration;
    activeVu = current;
    return current;
  };
  return {
    iteration(scenario) {
      const spec = test.scenarios[scenario];
      if (!spec) throw new Error(`stagecraft: the script has no scenario "${scenario}"`);
      const flow = spec.flow;
      return (data) => {
        vu ??= new VuContext(httpCaller, grpcCaller, data, __VU);
        activeVu = vu;
        vu.data = data;
        vu.iteration = __ITER;
        return flow(vu);
      };
    },
    setup() {
      return test.setup ? test.setup(context(undefined, 0, 0) as Vu<undefined>) : undefined;
    },
    teardown(data) {
      test.teardown?.(context(data, 0, 0));
    },
  };
}
