import { AppError } from "@/lib/errors/app-error";

const tooLarge = (limit: number) => new AppError("payload_too_large", `The request body exceeds the limit of ${limit} bytes.`);

/**
 * Reads the raw body once, as bytes, refusing more than `limit` bytes: from
 * content-length when sent, otherwise while streaming (route handlers have no
 * limit of their own, and a chunked 50 MB body must not be buffered).
 */
export const readBody = async ({ request, limit }: { request: Request; limit: number }): Promise<Buffer> => {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The sender went away mid-body: nothing to store, nothing worth an error log.
      throw new AppError("bad_request", "The request body could not be read completely.");
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
};
