// Importing this registers every built-in pull connector (each adapter registers itself).
import "@/lib/connectors/webfleet/webfleet-pull-connector";
import "@/lib/connectors/geotab/geotab-pull-connector";
import "@/lib/connectors/carrier-rest/carrier-rest-pull-connector";
