import { emitTimedCallbackEvents } from "./emit-timed-callback-events";
import { processInboundMessage } from "./process-inbound-message";
import { purgeRetention } from "./purge-retention";
import { recoverStrandedMessages } from "./recover-stranded-messages";

export const functions = [processInboundMessage, recoverStrandedMessages, purgeRetention, emitTimedCallbackEvents];
