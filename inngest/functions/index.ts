import { processInboundMessage } from "./process-inbound-message";
import { recoverStrandedMessages } from "./recover-stranded-messages";

export const functions = [processInboundMessage, recoverStrandedMessages];
