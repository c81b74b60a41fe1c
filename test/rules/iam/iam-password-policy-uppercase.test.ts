import rule from '../../../rules/iam/iam-password-policy-uppercase.js';
import { testRule } from '../../helpers/rule-tester.js';
import { passwordFlagCases } from './password-policy.table.js';

testRule(rule, passwordFlagCases(rule, 'RequireUppercaseCharacters', 'UPPERCASE', '1.5'));
