/** The associated data that binds an endpoint's sealed signing secret to its row (see lib/crypto/secret-box). */
export const endpointSecretContext = (endpointId: string): string => `callback-endpoint:${endpointId}:secret`;
