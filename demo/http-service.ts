import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createDemoAuth, listOrders, type DemoAuth } from './auth.js';
import { CATALOG_LIMITS, createCatalogApi, type CatalogApi } from './catalog-api.js';
import { matchCatalogRoute, type CatalogRoute } from './catalog-routes.js';
import { errorReply, readBody, sendJson, type JsonReply } from './http-json.js';
import { createLatencyModel, type LatencyModel } from './latency-model.js';
import { isAddressInUse, portInUseError, serviceStartError } from './service-errors.js';
import { formatHostPort, resolveServiceOptions, type RunningService, type ServiceOptions } from './service-options.js';
import { createResponseCache } from './response-cache.js';
import { createTimerPool, type TimerPool } from './timer-pool.js';

/** How the demo HTTP service names itself in error messages. */
export const HTTP_SERVICE_LABEL = 'demo HTTP service';

interface HandlerContext {
  readonly api: CatalogApi;
  readonly auth: DemoAuth;
  readonly model: LatencyModel;
  readonly timers: TimerPool;
}

type EndpointRoute = Extract<CatalogRoute, { kind: 'endpoint' }>;

function injectedUnavailable(): JsonReply {
  return errorReply(503, 'unavailable', 'the service is temporarily unavailable (injected by the demo latency model)', {
    'retry-after': '1',
  });
}

async function endpointReply(
  api: CatalogApi,
  auth: DemoAuth,
  route: EndpointRoute,
  fail: boolean,
  request: IncomingMessage,
  url: URL,
): Promise<JsonReply> {
  switch (route.endpoint) {
    case 'list-items':
      return fail ? injectedUnavailable() : api.listItems(url.searchParams);
    case 'get-item':
      return fail ? injectedUnavailable() : api.getItem(route.id);
    case 'search':
      return fail ? injectedUnavailable() : api.search(url.searchParams);
    case 'create-item': {
      const body = await readBody(request, CATALOG_LIMITS.maxBodyBytes);
      if (!body.ok) {
        return errorReply(413, 'body-too-large', `the body must be at most ${CATALOG_LIMITS.maxBodyBytes} bytes`);
      }
      return api.createItem(body.text, fail);
    }
    case 'login': {
      const body = await readBody(request, CATALOG_LIMITS.maxBodyBytes);
      return body.ok ? auth.issueToken(body.text) : errorReply(413, 'body-too-large', `the body must be at most ${CATALOG_LIMITS.maxBodyBytes} bytes`);
    }
    case 'list-orders':
      return listOrders(auth.userOf(request.headers.authorization));
    default:
      return route satisfies never;
  }
}

function immediateReply(route: Exclude<CatalogRoute, EndpointRoute>, method: string, url: URL, variant: string): JsonReply {
  switch (route.kind) {
    case 'health':
      return { status: 200, body: { status: 'ok', variant } };
    case 'not-found':
      return errorReply(404, 'not-found', `no route for ${method} ${url.pathname}`);
    case 'method-not-allowed':
      return errorReply(405, 'method-not-allowed', `${url.pathname} does not support ${method}`, { allow: route.allow });
    default:
      return route satisfies never;
  }
}

async function handle(context: HandlerContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = performance.now();
  const variant = context.model.variant;
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://demo.invalid');
  const route = matchCatalogRoute(method, url.pathname);
  if (route.kind !== 'endpoint') {
    sendJson(response, immediateReply(route, method, url, variant), variant);
    return;
  }
  const outcome = context.model.sample(route.endpoint);
  const reply = await endpointReply(context.api, context.auth, route, outcome.fail, request, url);
  // The delay counts from the request's arrival, so reading and parsing do not add to it.
  await context.timers.wait(outcome.delayMs - (performance.now() - started));
  sendJson(response, reply, variant);
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error(`unexpected address ${String(address)}`));
      else resolve(address);
    });
  });
}

/**
 * Starts the demo HTTP "catalog" service (node:http, JSON). Endpoints, with the latency-model
 * name each is tagged with:
 *
 * - `GET /items?limit=N&offset=M` (`list-items`): `{ items, total, limit, offset }`; limit 1–100, default 20
 * - `GET /items/{id}` (`get-item`): one item `{ id, sku, name, price, tags }`, or 404
 * - `GET /search?q=text&limit=N` (`search`): `{ query, items, total }`; 400 without `q`
 * - `POST /items` with `{ "name": string, "price": number }` (`create-item`): 201 and the item;
 *   400 for a bad body; 503 with the profile's error probability
 * - `POST /auth/token` with `{ "username", "password" }` (`login`): `{ token, tokenType, user }`
 *   for demo users `user-001`…`user-100` (password `pw-001`…), else 401
 * - `GET /orders` with `authorization: Bearer <token>` (`list-orders`): the user's orders, else 401
 * - `GET /health`: `{ status: "ok", variant }`, with no artificial delay
 *
 * Anything else is a JSON 404 (or 405 for a known path). Every response carries
 * `x-demo-variant`. Errors are `{ "error": { "code", "message" } }`.
 *
 * @throws StagecraftError `port-in-use` if the port is taken, `service-start-failed` for any
 * other listen error, `usage` for invalid options
 * @example
 * const service = await startHttpService({ variant: 'baseline' });
 * await fetch(`${service.url}/items/1`);
 * await service.stop();
 */
export async function startHttpService(options: ServiceOptions): Promise<RunningService> {
  const resolved = resolveServiceOptions(options, HTTP_SERVICE_LABEL);
  // The refactor's known memory cost (see REFACTOR_CACHE_MIB); released when the service stops.
  const cache = { buffer: createResponseCache(resolved.variant) };
  const timers = createTimerPool();
  const context: HandlerContext = {
    api: createCatalogApi(),
    auth: createDemoAuth(),
    model: createLatencyModel(resolved),
    timers,
  };
  const server = createServer((request, response) => {
    handle(context, request, response).catch((error: unknown) => {
      if (response.headersSent || response.destroyed) {
        response.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, errorReply(500, 'internal', message), context.model.variant);
    });
  });

  const requested = formatHostPort(resolved.host, resolved.port);
  let address: AddressInfo;
  try {
    address = await listen(server, resolved.host, resolved.port);
  } catch (error) {
    if (isAddressInUse(error)) throw portInUseError(requested, HTTP_SERVICE_LABEL, error);
    throw serviceStartError(requested, HTTP_SERVICE_LABEL, error);
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `http://${formatHostPort(resolved.host, address.port)}`,
    port: address.port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        cache.buffer = null;
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
