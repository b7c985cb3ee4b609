/*
 * Palisade policy language: authorization rules, admission rules (validate / mutate) and
 * authentication rules (reject).
 *
 * The grammar deliberately accepts a few common mistakes ('=', '&&', '||', '!', single-quoted
 * and unterminated strings) so that the AST builder can report them with a precise message and
 * a help line, and parsing goes on to find the remaining errors of the file.
 */
grammar Palisade;

policyFile  : packageDecl? importDecl* paramDecl* (ruleDecl | admissionDecl | authnDecl)* EOF ;

// A parameter of the file's admission rules, read as params.NAME; palisade.yaml instantiates the
// policy with values (Gatekeeper's constraints), the default applies when an instance gives none.
paramDecl   : PARAM name=IDENT COLON typeWords+=IDENT+ (ASSIGN value)? ;

packageDecl : PACKAGE IDENT ;

importDecl  : IMPORT str ;

ruleDecl    : effect=(ALLOW | DENY) name=str (WHEN expr)? (BECAUSE because=str)? ;

// Authentication rules judge who authenticated, and how: a match turns the login into a 401.
// Their own keyword (not 'deny'): a deny answers "may they?" with 403 inside the authorizer
// chain, a reject answers "who is this?" before any authorizer runs, and has no 'allow' twin.
authnDecl   : REJECT name=str (WHEN expr)? (BECAUSE because=str)? ;

// Admission rules. Operations and resources are words checked by the checker, not keywords.
admissionDecl : VALIDATE name=str ON targets forEach? action=(DENY | WARN | AUDIT)? (WHEN expr)? (BECAUSE because=str)? # validateDecl
              | MUTATE name=str ON targets forEach? (WHEN expr)? mutation+                                             # mutateDecl
              ;
targets     : ops+=IDENT (COMMA ops+=IDENT)* res+=IDENT (COMMA res+=IDENT)* ;
// Nested: 'for each c in object.spec.containers, p in c.ports' gives one match per (container, port).
forEach     : FOR EACH eachBinding (COMMA eachBinding)* ;
eachBinding : var=IDENT IN path (COMMA path)* ;
mutation    : SET path ASSIGN value     # setMutation
            | ADD path ASSIGN value     # addMutation
            | REMOVE var=IDENT IN path WHERE expr    # removeWhereMutation
            | REMOVE path               # removeMutation
            ;

// What a mutation writes: objects and lists of any values, or a value as conditions have them.
value       : objectLit | arrayLit | sum ;
objectLit   : LBRACE (str COLON value (COMMA str COLON value)* COMMA?)? RBRACE ;
arrayLit    : LBRACK (value (COMMA value)* COMMA?)? RBRACK ;

// Precedence, lowest first: or, and, not.
expr        : andExpr (orOp andExpr)* ;
orOp        : OR | PIPES ;
andExpr     : notExpr (andOp notExpr)* ;
andOp       : AND | AMPS ;
notExpr     : notOp notExpr
            | primary
            ;
notOp       : NOT | BANG ;
primary     : LPAREN expr RPAREN      # parenthesized
            | quant=(ANY | ALL) var=IDENT IN path (COMMA path)* COLON notExpr # quantified
            | operand IS NOT? ABSENT  # absence
            | operand EXISTS          # existence
            | sum (compOp sum)?       # comparison
            ;

// String building: "prefix/" + c.name. Admission rules only; authorization rules report it.
sum         : operand (PLUS operand)* ;

compOp      : EQ | NE | LT | LE | GT | GE | IN | NOT IN | CONTAINS | STARTS_WITH | ENDS_WITH | MATCHES | ASSIGN ;

operand     : name=IDENT LPAREN (sum (COMMA sum)*)? RPAREN # callOperand
            | str                                # stringOperand
            | LBRACK (literal (COMMA literal)* COMMA?)? RBRACK # listOperand
            | NUMBER                             # numberOperand
            | TRUE                               # trueOperand
            | FALSE                              # falseOperand
            | path                               # attributeOperand
            ;

literal     : str | NUMBER ;

// user.extra["key"] in authorization; object.metadata.annotations["k"].x or c.ports[0] in admission.
// A key may be computed in admission conditions: annotations["container.apparmor.security.beta.kubernetes.io/" + c.name].
path        : IDENT (LBRACK key RBRACK DOTTED?)* ;
key         : str | NUMBER | sum ;

str         : STRING | UNTERMINATED_STRING | SINGLE_QUOTED ;

// ---- lexer ----

PACKAGE     : 'package' ;
IMPORT      : 'import' ;
PARAM       : 'param' ;
ALLOW       : 'allow' ;
DENY        : 'deny' ;
REJECT      : 'reject' ;
WHEN        : 'when' ;
BECAUSE     : 'because' ;
AND         : 'and' ;
OR          : 'or' ;
NOT         : 'not' ;
IN          : 'in' ;
CONTAINS    : 'contains' ;
STARTS_WITH : 'startsWith' ;
ENDS_WITH   : 'endsWith' ;
MATCHES     : 'matches' ;
TRUE        : 'true' ;
VALIDATE    : 'validate' ;
MUTATE      : 'mutate' ;
ON          : 'on' ;
FOR         : 'for' ;
EACH        : 'each' ;
WARN        : 'warn' ;
AUDIT       : 'audit' ;
SET         : 'set' ;
ADD         : 'add' ;
REMOVE      : 'remove' ;
WHERE       : 'where' ;
IS          : 'is' ;
ABSENT      : 'absent' ;
EXISTS      : 'exists' ;
ANY         : 'any' ;
ALL         : 'all' ;
FALSE       : 'false' ;

EQ          : '==' ;
NE          : '!=' ;
LE          : '<=' ;
GE          : '>=' ;
LT          : '<' ;
GT          : '>' ;
COLON       : ':' ;
PLUS        : '+' ;
ASSIGN      : '=' ;   // not an operator: reported with a help line
AMPS        : '&&' ;  // likewise
PIPES       : '||' ;  // likewise
BANG        : '!' ;   // likewise

LPAREN      : '(' ;
RPAREN      : ')' ;
LBRACK      : '[' ;
LBRACE      : '{' ;
RBRACE      : '}' ;
RBRACK      : ']' ;
COMMA       : ',' ;

// Dotted names are one token, so 'user . name' is not an attribute.
IDENT       : NAME_PART ('.' NAME_PART)* ;
// Only after ']' (see path): a leading '.' never starts a token otherwise.
DOTTED      : '.' NAME_PART ('.' NAME_PART)* ;
fragment NAME_PART : [A-Za-z_] [A-Za-z0-9_-]* ;

// Any backslash pair is lexed; the builder validates escapes to report the exact position.
STRING      : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '\\'? ;
SINGLE_QUOTED : '\'' ~['\r\n]* '\'' ;

// A leading '-' is part of the number: the language has no subtraction, so '-1' is never 'x - 1'.
NUMBER      : '-'? [0-9]+ ;  // admission rules only; authorization rules report it

COMMENT     : ('#' | '//') ~[\r\n]* -> skip ;
WS          : [ \t\r\n\f]+ -> skip ;

// Anything else reaches the parser as one bad token instead of a lexer error.
ERROR_CHAR  : . ;
