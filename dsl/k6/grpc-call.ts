import { check } from 'k6';
import { Rate, Trend } from 'k6/metrics';
import grpc from 'k6/net/grpc';
import type { GrpcMethod, GrpcService } from '../grpc.js';
import type { Service } from '../test.js';
import { GRPC_FAILED_METRIC, serviceTagValue } from '../scope.js';
import type { GrpcCall, GrpcResult, GrpcStreamResult } from '../vu.js';
import { resolveConfigurable, resolveRecord } from './env.js';

/** Where the compiler put a service's proto files, relative to the generated script. */
export interface GrpcAssets {
  readonly importPaths: readonly string[];
  readonly files: readonly string[];
}

/** Trend of the time between consecutive messages received on a gRPC stream (k6 only counts them). */
export const GRPC_STREAM_INTERVAL_METRIC = 'stagecraft_grpc_stream_msg_interval';

interface Connection {
  readonly client: grpc.Client;
  connected: boolean;
}

/**
 * gRPC clients of a test, one per service. Created in the init context (k6 only allows
 * `client.load` there); each VU connects lazily on its first call.
 */
export class GrpcClients {
  // `declare`d and assigned in the constructor, as in `VuContext`: no `Object.defineProperty` per VU.
  declare private readonly connections: Map<string, Connection>;
  declare private readonly failed: Rate;
  declare private readonly streamInterval: Trend;

  /** @param services - the test's services; the gRPC ones get a client */
  constructor(services: readonly Service[], assets: Readonly<Record<string, GrpcAssets>>) {
    this.connections = new Map();
    this.failed = new Rate(GRPC_FAILED_METRIC);
    this.streamInterval = new Trend(GRPC_STREAM_INTERVAL_METRIC, true);
    for (const service of services) {
      if (service.protocol !== 'grpc') continue;
      const client = new grpc.Client();
      if (service.options.reflect !== true) {
        const serviceAssets = assets[service.name];
        if (!serviceAssets) throw new Error(`stagecraft: no proto files were bundled for gRPC service "${service.name}"; recompile`);
        client.load([...serviceAssets.importPaths], ...serviceAssets.files);
      }
      this.connections.set(service.name, { client, connected: false });
    }
  }

  private connect(service: GrpcService): grpc.Client {
    const connection = this.connections.get(service.name);
    if (!connection) throw new Error(`stagecraft: gRPC service "${service.name}" is not listed in the test's services`);
    if (!connection.connected) {
      const target = resolveConfigurable(service.options.target, `service "${service.name}" target`);
      const params: grpc.ConnectParams = { plaintext: service.options.plaintext ?? false, reflect: service.options.reflect === true };
      if (service.options.timeout !== undefined) params.timeout = service.options.timeout;
      connection.client.connect(target, params);
      connection.connected = true;
    }
    return connection.client;
  }

  private callParams<Res>(method: GrpcMethod<unknown, Res>, call: GrpcCall<Res> | undefined): { tags: Record<string, string>; params: grpc.Params } {
    const service = method.service;
    const tags = { service: serviceTagValue(service), endpoint: method.name, ...call?.tags };
    const metadata = { ...resolveRecord(service.options.metadata, `service "${service.name}" metadata`), ...call?.metadata };
    const params: grpc.Params = { tags, metadata };
    if (service.options.timeout !== undefined) params.timeout = service.options.timeout;
    return { tags, params };
  }

  /** A unary call, tagged with `service` and `endpoint`, recording success in {@link GRPC_FAILED_METRIC}. */
  unary<Req, Res>(method: GrpcMethod<Req, Res>, request: Req, call: GrpcCall<Res> | undefined): GrpcResult<Res> {
    const client = this.connect(method.service);
    const { tags, params } = this.callParams(method, call);
    const response = client.invoke(`${method.service.options.service}/${method.method}`, request as object, params);
    const status = response.status;
    const result: GrpcResult<Res> = {
      status,
      message: (response.message ?? null) as Res | null,
      error: response.error ?? null,
      ok: status === grpc.StatusOK,
    };
    this.failed.add(!result.ok, tags);
    if (call?.checks) check(result, call.checks, tags);
    return result;
  }

  /** A streaming call driven by k6's `Stream` API; resolves when the server ends the stream. */
  stream<Req, Res>(method: GrpcMethod<Req, Res>, requests: readonly Req[], call: GrpcCall<Res> | undefined): Promise<GrpcStreamResult<Res>> {
    const client = this.connect(method.service);
    const { tags, params } = this.callParams(method, call);
    return new Promise((resolvePromise) => {
      const messages: Res[] = [];
      let status: number | null = null;
      let error: GrpcStreamResult<Res>['error'] = null;
      let last = Date.now();
      const stream = new grpc.Stream(client, `${method.service.options.service}/${method.method}`, params);
      stream.on('data', (message: unknown) => {
        const now = Date.now();
        this.streamInterval.add(now - last, tags);
        last = now;
        messages.push(message as Res);
      });
      stream.on('error', (failure: unknown) => {
        const details = failure as { code?: number; message?: string };
        error = details;
        status = details.code ?? null;
      });
      stream.on('end', () => {
        const outcome: GrpcStreamResult<Res> = { messages, status: status ?? grpc.StatusOK, error };
        this.failed.add(error !== null, tags);
        if (call?.checks) {
          const summary: GrpcResult<Res> = { status: outcome.status ?? grpc.StatusOK, message: messages.at(-1) ?? null, error, ok: error === null };
          check(summary, call.checks, tags);
        }
        resolvePromise(outcome);
      });
      for (const request of requests) stream.write(request as object);
      stream.end();
    });
  }
}
