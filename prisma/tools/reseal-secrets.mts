// npm run secrets:reseal — seals every stored signing secret again with the
// current SECRETS_ENCRYPTION_KEY, so that old keys can be removed from
// SECRETS_ENCRYPTION_OLD_KEYS. Run it after every instance runs with the new key.
// Exits 1 if any secret could not be read (those connections must rotate their secret).
import "./load-env.mts";

const { resealSecrets } = await import("@/lib/integrations/reseal-secrets");
const { configuredKeyring } = await import("@/lib/crypto/secret-keyring");
const { disconnectDb } = await import("@/lib/db/client");
const { closeEmbeddedDatabase } = await import("@/lib/db/embedded-database");

try {
  const report = await resealSecrets();
  console.log(`Current key ${configuredKeyring().current.id}: resealed ${report.resealed} signing secret(s); ${report.alreadyCurrent} already used it.`);
  for (const u of report.unreadable) console.error(`  connection ${u.connectionId}: ${u.which} secret left as it is: ${u.reason}`);
  if (report.unreadable.length > 0) {
    console.error(`${report.unreadable.length} secret(s) could not be read with the configured keys: restore their key in SECRETS_ENCRYPTION_OLD_KEYS and run this again, or rotate those connections' secrets.`);
    process.exitCode = 1;
  } else {
    console.log("Every stored signing secret now uses the current key: old keys can be removed from SECRETS_ENCRYPTION_OLD_KEYS.");
  }
} finally {
  await disconnectDb();
  await closeEmbeddedDatabase();
}
