// The ECS cluster query language (memberOf placement constraints): parse, check, evaluate, complete, hover.
export type { CqlProblem } from './problem';
export type {
  Argument,
  BinaryExpr,
  Comparison,
  Expr,
  ListNode,
  NotExpr,
  OperatorNode,
  Span,
  SubjectNode,
  ValueNode,
} from './ast';
export { parseExpression, MAX_EXPRESSION_LENGTH, MAX_NESTING, type ParsedExpression } from './parser';
export { checkExpression } from './check';
export { compileExpression, type CompiledExpression, type CqlInstance } from './evaluate';
export { completeExpression, type CqlCompletion, type CqlFacts } from './complete';
export { hoverExpression, type CqlHover } from './hover';
export { decodedToRawOffset, rawToDecodedOffset } from './escapes';
export { compileJavaRegex, type CompiledRegex, type RegexIssue } from './regex';
export { SUBJECTS, subjectInfo, type SubjectInfo, type SubjectKind } from './subjects';
export { OPERATORS, operatorInfo, type Operator, type OperatorInfo } from './operators';
export { BUILTIN_ATTRIBUTES, OS_FAMILIES, builtinAttribute, type BuiltinAttribute } from './builtinAttributes';
