import { deliverCallback } from "./deliver-callback";
import { emitTimedCallbackEvents } from "./emit-timed-callback-events";
import { pollConnection } from "./poll-connection";
import { processInboundMessage } from "./process-inbound-message";
import { purgeRetention } from "./purge-retention";
import { recoverStrandedMessages } from "./recover-stranded-messages";
import { relayCallbackDeliveriesCron } from "./relay-callback-deliveries";
import { scheduleConnectorPolls } from "./schedule-connector-polls";

export const functions = [processInboundMessage, recoverStrandedMessages, purgeRetention, emitTimedCallbackEvents, deliverCallback, relayCallbackDeliveriesCron, scheduleConnectorPolls, pollConnection];
