import type { Duration } from './duration.js';
import type { Configurable } from './env.js';
import type { GrpcMethod } from './grpc.js';
import type { HttpEndpoint, PathParamNames, PathParams } from './http.js';

/** The response of an HTTP call, as flows see it. */
export interface HttpResult {
  readonly status: number;
  /** Body text (null when k6 discarded it). */
  readonly body: string | null;
  readonly headers: Readonly<Record<string, string>>;
  /** k6's `http_req_duration` of this request, in ms. */
  readonly durationMs: number;
  /** True when the status counts as expected (not a `http_req_failed` failure). */
  readonly ok: boolean;
  /** Parses the body as JSON; throws when it is not JSON. */
  json<T = unknown>(): T;
}

/** Named checks on a result; each becomes a k6 `checks` sample tagged with service and endpoint. */
export type Checks<R> = Readonly<Record<string, (result: R) => boolean>>;

/** Query-string values. A list repeats the name (`tag=a&tag=b`); an empty list sends the name with an empty value (`tag=`), as `URLSearchParams` does. */
export type QueryValues = Readonly<Record<string, string | number | boolean | readonly (string | number)[]>>;

/** Options of one HTTP call. `params` is required exactly when the path has placeholders. */
export type HttpCall<Path extends string> = {
  readonly query?: QueryValues;
  /** A string is sent as is; anything else is sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly checks?: Checks<HttpResult>;
  /** Extra tags on this request's samples. */
  readonly tags?: Readonly<Record<string, string>>;
} & ([PathParamNames<Path>] extends [never] ? { readonly params?: undefined } : { readonly params: PathParams<Path> });

/** Arguments after the endpoint: the call options are optional only for paths without placeholders. */
export type HttpCallArgs<Path extends string> = [PathParamNames<Path>] extends [never] ? [call?: HttpCall<Path>] : [call: HttpCall<Path>];

/** The result of a gRPC unary call. `status` 0 is OK. */
export interface GrpcResult<Res> {
  readonly status: number;
  readonly message: Res | null;
  readonly error: { readonly code?: number; readonly message?: string } | null;
  readonly ok: boolean;
}

/** Options of one gRPC call. */
export interface GrpcCall<Res> {
  readonly metadata?: Readonly<Record<string, string>>;
  readonly checks?: Checks<GrpcResult<Res>>;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The result of a gRPC stream once it has ended. */
export interface GrpcStreamResult<Res> {
  readonly messages: readonly Res[];
  readonly status: number | null;
  readonly error: { readonly code?: number; readonly message?: string } | null;
}

/** Think time: a fixed duration, or uniform between two durations. */
export type ThinkTime = Duration | readonly [Duration, Duration];

/**
 * What a flow can do in one iteration of a virtual user. Implemented by the k6 runtime; flows
 * never import k6 modules themselves, so scenario files also load in Node for validation.
 */
export interface Vu<SetupData = undefined> {
  /** Calls an HTTP endpoint. Requests are tagged `service`, `endpoint` and `name` (the path template). */
  http<Path extends string>(endpoint: HttpEndpoint<Path>, ...call: HttpCallArgs<Path>): HttpResult;
  /** Calls a unary gRPC method. Calls are tagged `endpoint` (and k6's own `service`/`method`). */
  grpc<Req, Res>(method: GrpcMethod<Req, Res>, request: Req, call?: GrpcCall<Res>): GrpcResult<Res>;
  /**
   * Runs a streaming gRPC method: writes `requests` (none for server streaming), ends the
   * sending side, and resolves when the server ends the stream. Per-message receive times are
   * recorded in the `stagecraft_grpc_stream_msg_interval` Trend.
   */
  grpcStream<Req, Res>(method: GrpcMethod<Req, Res>, requests: readonly Req[], call?: GrpcCall<Res>): Promise<GrpcStreamResult<Res>>;
  /** Pauses the VU (think time). */
  sleep(time: ThinkTime): void;
  /** Runs `body` inside a k6 group (its samples get the `group` tag). */
  group<T>(name: string, body: () => T): T;
  /** The value of a setting or secret from the environment at run time (never baked into the script). */
  env(value: Configurable): string;
  /** Picks one of the items with probability proportional to its weight. */
  pick<T>(weighted: readonly (readonly [weight: number, item: T])[]): T;
  /** Value returned by the test's `setup`. */
  readonly data: SetupData;
  /** 1-based VU number in this k6 instance. */
  readonly id: number;
  /** 0-based iteration number of this VU. */
  readonly iteration: number;
}

/** One iteration of a virtual user. */
export type Flow<SetupData = undefined> = (vu: Vu<SetupData>) => void | Promise<void>;
