/** A form-level message, read out by screen readers when it appears. */
export const FormAlert = ({ message, tone = "error" }: { message?: string | null; tone?: "error" | "success" }) =>
  message ? (
    <p role={tone === "error" ? "alert" : "status"} className={`rounded-md px-3 py-2 text-sm ${tone === "error" ? "bg-red-50 text-red-700" : "bg-green-50 text-green-800"}`}>
      {message}
    </p>
  ) : null;
