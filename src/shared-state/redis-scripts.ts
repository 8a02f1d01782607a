/** Lua scripts the Redis stores share; each runs atomically on the server. */

/** Sets a number only when it is higher than the one stored (no expiry: a replay id stays valid 72 h upstream). */
export const KEEP_HIGHEST =
  "local v = redis.call('get', KEYS[1]) if (not v) or tonumber(v) < tonumber(ARGV[1]) then redis.call('set', KEYS[1], ARGV[1]) end return 1";

/** Deletes a key only if it still holds our token (a lock or claim we own). */
export const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
