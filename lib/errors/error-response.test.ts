import { describe, expect, it, vi } from "vitest";
import { AppError } from "./app-error";
import { errorResponse } from "./error-response";

describe("errorResponse", () => {
  it("maps an AppError code to its status and the one body shape", async () => {
    const response = errorResponse(new AppError("not_found", "This user does not exist."));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "This user does not exist." } });
  });

  it("answers unknown errors with a generic 500 and logs them", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = errorResponse(new Error("password=hunter2 in a stack trace"));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(body.error.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
