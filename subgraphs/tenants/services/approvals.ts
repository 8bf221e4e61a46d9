import { ApprovalGate, policyFromStaff } from '../../../core/approval-gate';
import type { Principal } from '../../../core/identity';
import { ApprovalPolicyDocument } from '../../../codegen/generated/service/tenants/staff';

const policyOf = policyFromStaff('tenants', ApprovalPolicyDocument);

/** The bank's maker-checker policy for tenants' changes (core/approval-gate.ts). */
export function approvalGate(principal: Principal): ApprovalGate {
  return new ApprovalGate(principal, policyOf);
}
