import { CallsSubjects, RpcRequestOf } from '@conversations/contracts';
import { RpcHandler } from '@conversations/service-kit';
import { Controller } from '@nestjs/common';
import { parseAnswer, parseRecording, parseStatus } from './carrier-payloads';
import { VoiceWebhooksService } from './voice-webhooks.service';

/**
 * Plivo's voice webhooks, forwarded by the gateway after it verified the V3 signature. The request's
 * ctx carries no tenant: the service finds it from the call or our number. Each answers
 * `{ xml, applied }`; the gateway returns `xml` to the carrier as application/xml.
 */
@Controller()
export class VoiceController {
  constructor(private readonly webhooks: VoiceWebhooksService) {}

  @RpcHandler(CallsSubjects.carrierAnswer)
  answer({ data }: RpcRequestOf<typeof CallsSubjects.carrierAnswer>) {
    return this.webhooks.answer(parseAnswer(data));
  }

  @RpcHandler(CallsSubjects.carrierStatus)
  status({ data }: RpcRequestOf<typeof CallsSubjects.carrierStatus>) {
    return this.webhooks.status(parseStatus(data));
  }

  @RpcHandler(CallsSubjects.carrierRecording)
  recording({ data }: RpcRequestOf<typeof CallsSubjects.carrierRecording>) {
    return this.webhooks.recording(parseRecording(data));
  }
}
