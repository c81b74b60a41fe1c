import rule from '../../../rules/iam/iam-password-policy-lowercase.js';
import { testRule } from '../../helpers/rule-tester.js';
import { passwordFlagCases } from './password-policy.table.js';

testRule(rule, passwordFlagCases(rule, 'RequireLowercaseCharacters', 'LOWERCASE', '1.6'));
