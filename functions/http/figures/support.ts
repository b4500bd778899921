/**
 * What the figure handlers share: the caller's scope (or the problem for one above their role) and
 * text bodies. Not a route.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Actor } from '../../domain/cases/types.ts';
import {
  type FigureScope,
  ownScope,
  parseScope,
  type ReadableScope,
  readableScope,
  scopeLabel,
} from '../../domain/figures/scopes.ts';
import { HttpProblem } from '../problems.ts';
import type { httpHandler } from './http-handler.ts';

export function scopeForbidden(scope: FigureScope): HttpProblem {
  return new HttpProblem({
    type: 'https://yichuang.dev/problems/forbidden',
    title: '无权查看该范围的统计',
    status: 403,
    detail: `不能查看“${scopeLabel(scope)}”的统计：窗口工作人员只能查看本人的统计，首席代表可以查看本部门及其窗口、工作人员的统计，分管领导、电子监察和系统管理员可以查看全中心的统计。`,
  });
}

/** Whose figures: the scope asked for (default the caller's own), or 403 when it is above their role. */
export function readableScopeOf(
  actor: Actor,
  scopeText: string | undefined,
): { scope: FigureScope; readable: ReadableScope } {
  const scope: FigureScope =
    scopeText === undefined ? ownScope(actor) : (parseScope(scopeText) as FigureScope);
  const readable = readableScope(actor, scope);
  if (!readable) throw scopeForbidden(scope);
  return { scope, readable };
}

/**
 * Lets a handler of this area answer with text (the CSV ledger): the shared handler writes every
 * body as JSON, so a text body travels as a JSON string and is unwrapped here, after it.
 */
export function textBody(handler: ReturnType<typeof httpHandler>): ReturnType<typeof httpHandler> {
  const unwrap: MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
    after: (request) => {
      const response = request.response;
      const type = String(response?.headers?.['content-type'] ?? '');
      if (response && type.startsWith('text/') && typeof response.body === 'string' && response.body !== '') {
        response.body = JSON.parse(response.body) as string;
      }
    },
  };
  return handler.use(unwrap);
}
