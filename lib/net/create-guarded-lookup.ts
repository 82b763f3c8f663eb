// The `lookup` the guarded agent hands to net/tls.connect: the socket connects to exactly the
// addresses this function checked, so a second DNS answer (rebinding) never gets a say.
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { BlockedAddressError } from "./blocked-address-error";
import { checkAddress } from "./is-public-address";
import type { TAllowedCidr } from "./parse-allowed-cidrs";

export type TResolvedAddress = { address: string; family: number };
/** Resolves a host name to all its addresses; injectable so tests can answer without DNS. */
export type TResolveHost = (hostname: string) => Promise<TResolvedAddress[]>;

const resolveWithSystem: TResolveHost = (hostname) => dns.promises.lookup(hostname, { all: true });

/**
 * Builds a net `lookup` that resolves every address of the host and refuses the connection when any
 * of them is not public (and not allowed): a name that also points inward is treated as hostile.
 */
export const createGuardedLookup = ({ allowedCidrs, resolveHost = resolveWithSystem }: { allowedCidrs: readonly TAllowedCidr[]; resolveHost?: TResolveHost }): LookupFunction => {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (answers) => {
        for (const answer of answers) {
          const check = checkAddress({ address: answer.address, allowedCidrs });
          if (!check.allowed) return callback(new BlockedAddressError({ host: hostname, check }), "", 0);
        }
        const wanted = options.family === 4 || options.family === 6 ? answers.filter((a) => a.family === options.family) : answers;
        if (wanted.length === 0) {
          const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
          return callback(error, "", 0);
        }
        if (options.all) return callback(null, wanted);
        const [first] = wanted as [TResolvedAddress];
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
};
