import rule from '../../../rules/iam/iam-password-policy-symbol.js';
import { testRule } from '../../helpers/rule-tester.js';
import { passwordFlagCases } from './password-policy.table.js';

testRule(rule, passwordFlagCases(rule, 'RequireSymbols', 'SYMBOL', '1.7'));
