/**
 * How bindTenant (tenant.ts) binds the municipality. On a Citus cluster (docs/scale.md) a query
 * of a distributed table runs on a worker, as the current role, and `set_config` does not reach
 * the worker: there the policies would see no municipality and show nothing. `SET LOCAL` with
 * `citus.propagate_set_commands = local` does reach it. openPostgres switches to it when the
 * database has the citus extension.
 */
let setLocal = false;

export function bindTenantWithSetLocal(on: boolean) {
  setLocal = on;
}

export function bindsWithSetLocal() {
  return setLocal;
}
