import { CallsSubjects, RpcRequest } from '@conversations/contracts';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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

  @MessagePattern(CallsSubjects.carrierAnswer)
  answer(@Payload() { data }: RpcRequest) {
    return this.webhooks.answer(parseAnswer(data));
  }

  @MessagePattern(CallsSubjects.carrierStatus)
  status(@Payload() { data }: RpcRequest) {
    return this.webhooks.status(parseStatus(data));
  }

  @MessagePattern(CallsSubjects.carrierRecording)
  recording(@Payload() { data }: RpcRequest) {
    return this.webhooks.recording(parseRecording(data));
  }
}
