import rule from '../../../rules/iam/iam-password-policy-number.js';
import { testRule } from '../../helpers/rule-tester.js';
import { passwordFlagCases } from './password-policy.table.js';

testRule(rule, passwordFlagCases(rule, 'RequireNumbers', 'NUMBER', '1.8'));
