/** Injection tokens for what the service kit provides. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
