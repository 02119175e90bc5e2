/**
 * Entry of one demo service in its own process (`stagecraft demo` samples each service's CPU
 * and memory by pid, so each runs alone): `node --import tsx demo/service-process.ts <http|grpc>
 * <baseline|refactor> <seed>`. Prints one JSON line `{"url":…,"port":…}` once listening, and
 * stops when its parent closes stdin (the parent exited, even by SIGKILL), or on SIGTERM/SIGINT.
 */
import { startGrpcService } from './grpc-service.js';
import { startHttpService } from './http-service.js';
import type { Variant } from './latency-model.js';

const [kind, variant, seed] = process.argv.slice(2);
const options = { variant: variant as Variant, seed: Number(seed) };
const service = kind === 'grpc' ? await startGrpcService(options) : await startHttpService(options);
process.stdout.write(`${JSON.stringify({ url: service.url, port: service.port })}\n`);
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void service.stop().then(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
