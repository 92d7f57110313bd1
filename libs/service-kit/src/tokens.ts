/** Injection tokens for what the service kit provides. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
