import { ContactsSubjects, TeamMemberView } from '@conversations/contracts';
import { ROOT_LOGGER } from '@conversations/service-kit';
import { Body, Controller, HttpCode, HttpStatus, Inject, Post, Req } from '@nestjs/common';
import type { Logger } from 'pino';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ApiErrors, ApiJsonBody } from '../docs/api-decorators';
import { ref } from '../docs/schema-builders';
import type { GatewayRequest } from '../http/gateway-request';
import { ContactsClient } from '../nats/service-client';
import { AccessTokens } from './access-tokens';
import { TENANT_ID_PATTERN, USER_ID_PATTERN } from './token-claims';
import { Public } from './auth.decorators';

export class DevTokenRequestDto {
  @IsString() @Matches(TENANT_ID_PATTERN, { message: 'tenantId must be 1–64 letters, digits, _ or -' }) tenantId!: string;
  @IsString() @Matches(USER_ID_PATTERN, { message: 'userId must be a team member id such as u-ana' }) userId!: string;
}

export interface DevTokenResponse {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  tenantId: string;
  user: TeamMemberView;
}

/**
 * Local sign-in (tests and local tooling): a 12-hour token for an existing team member, with the role of
 * their team record. Mounted only where DEV_SIGN_IN allows it (never in production) and JWT_SECRET is set.
 */
@ApiTags('dev')
@Public()
@Controller('dev')
export class DevTokenController {
  constructor(
    private readonly tokens: AccessTokens,
    private readonly contacts: ContactsClient,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  @Post('token')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Issue a local access token for a team member (not available in production)' })
  @ApiJsonBody(DevTokenRequestDto)
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'the token and the member it signs in',
    schema: {
      type: 'object',
      required: ['token', 'tokenType', 'expiresAt', 'tenantId', 'user'],
      properties: {
        token: { type: 'string' },
        tokenType: { type: 'string', enum: ['Bearer'] },
        expiresAt: { type: 'string', format: 'date-time' },
        tenantId: { type: 'string' },
        user: ref('TeamMemberView'),
      },
    },
  })
  @ApiErrors(HttpStatus.NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY)
  async issue(@Body() body: DevTokenRequestDto, @Req() request: GatewayRequest): Promise<DevTokenResponse> {
    const ctx = { tenantId: body.tenantId, userId: body.userId, requestId: request.id };
    const user = await this.contacts.request(ContactsSubjects.teamMembersGet, ctx, { id: body.userId });
    const { token, expiresAt } = await this.tokens.issue({ tenantId: body.tenantId, userId: user.id, role: user.role });
    // The audit trail of sign-ins (the identity provider logs its own): who, into which account, with what role.
    this.logger.info({ audit: 'sign-in', method: 'dev-token', tenantId: body.tenantId, userId: user.id, role: user.role }, 'signed in');
    return { token, tokenType: 'Bearer', expiresAt, tenantId: body.tenantId, user };
  }
}
