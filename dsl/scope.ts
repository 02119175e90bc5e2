import type { GrpcMethod, GrpcService } from './grpc.js';
import type { HttpEndpoint, HttpService } from './http.js';

/**
 * Scopes and the tags k6 records for them. Shared by the threshold builders (compile time) and
 * the k6 runtime (gRPC metrics), so the runtime does not bundle the threshold builders.
 */

/** Custom k6 Rate metric the runtime records for every gRPC call (1 = non-OK status). */
export const GRPC_FAILED_METRIC = 'stagecraft_grpc_failed';

/** What a threshold or SLO can be scoped to: a service, or one endpoint/method of it. */
export type Scope = HttpService | HttpEndpoint | GrpcService | GrpcMethod;

/**
 * The value of the `service` tag k6 records for a service's requests. For HTTP it is the DSL
 * service name (stagecraft sets it). For gRPC, k6's own `service` system tag (the proto service,
 * e.g. `demo.inventory.v1.Inventory`) overrides any tag a script sets, so thresholds and
 * stagecraft's gRPC metrics use that value; otherwise they would match no sample and pass.
 */
export function serviceTagValue(service: HttpService | GrpcService): string {
  return service.kind === 'http-service' ? service.name : service.options.service;
}

/** The `service` / `endpoint` tag filter of a scope, as k6 records them. */
export function scopeTags(scope: Scope): Record<string, string> {
  switch (scope.kind) {
    case 'http-service':
    case 'grpc-service':
      return { service: serviceTagValue(scope) };
    case 'http-endpoint':
    case 'grpc-method':
      return { service: serviceTagValue(scope.service), endpoint: scope.name };
  }
}

/** The DSL names of a scope's service and endpoint, for reports and metadata. */
export function scopeNames(scope: Scope): { service: string; endpoint?: string } {
  return scope.kind === 'http-service' || scope.kind === 'grpc-service' ? { service: scope.name } : { service: scope.service.name, endpoint: scope.name };
}
