/**
 * The WAF web ACL in front of CloudFront. A CLOUDFRONT-scoped web ACL can only live in us-east-1,
 * while the rest of Yichuang deploys to whichever region the centre chooses. So:
 *
 * - `-c webAclArn=arn:aws:wafv2:us-east-1:…:global/webacl/…` attaches an existing web ACL (create it
 *   once in us-east-1, for example by deploying this same stack there);
 * - otherwise the stack declares its own web ACL under a CloudFormation condition "region is
 *   us-east-1", and the distribution refers to it with Fn::If. Deployed elsewhere, the ACL is not
 *   created and the `WebAcl` output says so.
 */
import { Aws, CfnCondition, CfnOutput, Fn } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** Requests per IP per 5 minutes to `/api/public/` before WAF blocks the address for a while. */
export const publicRateLimitPer5Minutes = 300;

function visibility(metricName: string): CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function managed(name: string, priority: number): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: visibility(name),
  };
}

export interface FirewallProps {
  /** An existing CLOUDFRONT-scoped web ACL (its ARN); when given, no web ACL is declared here. */
  webAclArn?: string | undefined;
  /** Path prefix of the public API routes, rate limited per client address. */
  publicPrefix: string;
}

export class Firewall extends Construct {
  /** The value for the distribution's WebACLId: the given ARN, or Fn::If(us-east-1, ACL, no value). */
  readonly webAclId: string;
  readonly webAcl?: CfnWebACL;

  constructor(scope: Construct, id: string, props: FirewallProps) {
    super(scope, id);
    if (props.webAclArn) {
      this.webAclId = props.webAclArn;
      new CfnOutput(this, 'WebAclArn', {
        description: 'WAF web ACL on the distribution',
        value: props.webAclArn,
      });
      return;
    }

    const inUsEast1 = new CfnCondition(this, 'InUsEast1', {
      expression: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      description: 'Yichuang: AWS managed protections and a rate limit on the public API',
      visibilityConfig: visibility('yichuang'),
      rules: [
        managed('AWSManagedRulesAmazonIpReputationList', 0),
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'PublicApiRateLimit',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: publicRateLimitPer5Minutes,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { uriPath: {} },
                  positionalConstraint: 'STARTS_WITH',
                  searchString: props.publicPrefix,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('PublicApiRateLimit'),
        },
      ],
    });
    this.webAcl.cfnOptions.condition = inUsEast1;
    this.webAclId = Fn.conditionIf(inUsEast1.logicalId, this.webAcl.attrArn, Aws.NO_VALUE).toString();
    new CfnOutput(this, 'WebAclArn', {
      description: 'WAF web ACL on the distribution',
      value: this.webAcl.attrArn,
      condition: inUsEast1,
    });
    new CfnOutput(this, 'WebAclMissing', {
      description: 'WAF web ACL on the distribution',
      value: 'none: deploy in us-east-1, or pass -c webAclArn=<CLOUDFRONT web ACL ARN from us-east-1>',
      condition: new CfnCondition(this, 'NotInUsEast1', { expression: Fn.conditionNot(inUsEast1) }),
    });
  }
}
