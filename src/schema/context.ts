/**
 * What resolvers see: the use cases' dependencies for this request, its DataLoaders and who is
 * calling. The HTTP edge builds one per request (src/http/context.ts).
 */
import type { ReadDependencies } from '../domain/dependencies';
import type { Principal } from '../domain/principal';
import type { Loaders } from '../salesforce/loaders';
import type { ServiceDeps } from '../services/context';

export interface Context extends ServiceDeps {
  requestId: string;
  /** The API key's principal (set by the auth plugin before anything executes). */
  principal: Principal | null;
  loaders: Loaders;
  /** What this request's answer rests on (the response cache tags it with them). */
  dependencies?: ReadDependencies;
}
