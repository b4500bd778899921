/**
 * The Powertools logger and metrics every function shares. Every log line passes through the one
 * masking function, so personal data never reaches CloudWatch in clear.
 */
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { maskPersonalData } from '../domain/privacy.ts';

const serviceName = 'yichuang';

class MaskingLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: maskPersonalData(attributes.message),
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: context?.coldStart,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        xray_trace_id: attributes.xRayTraceId,
      },
    }).addAttributes(maskPersonalData(additional));
  }
}

export const logger = new Logger({ serviceName, logFormatter: new MaskingLogFormatter() });

export const metrics = new Metrics({ namespace: 'Yichuang', serviceName });
