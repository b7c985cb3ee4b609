/*
 * Palisade policy language, authorization first cut.
 *
 * The grammar deliberately accepts a few common mistakes ('=', '&&', '||', '!', single-quoted
 * and unterminated strings) so that the AST builder can report them with a precise message and
 * a help line, and parsing goes on to find the remaining errors of the file.
 */
grammar Palisade;

policyFile  : packageDecl? importDecl* ruleDecl* EOF ;

packageDecl : PACKAGE IDENT ;

importDecl  : IMPORT str ;

ruleDecl    : effect=(ALLOW | DENY) name=str (WHEN expr)? (BECAUSE because=str)? ;

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
            | operand (compOp operand)? # comparison
            ;

compOp      : EQ | NE | IN | NOT IN | CONTAINS | STARTS_WITH | ENDS_WITH | MATCHES | ASSIGN ;

operand     : str                                # stringOperand
            | LBRACK (str (COMMA str)* COMMA?)? RBRACK # listOperand
            | TRUE                               # trueOperand
            | FALSE                              # falseOperand
            | IDENT (LBRACK str RBRACK)?         # attributeOperand
            ;

str         : STRING | UNTERMINATED_STRING | SINGLE_QUOTED ;

// ---- lexer ----

PACKAGE     : 'package' ;
IMPORT      : 'import' ;
ALLOW       : 'allow' ;
DENY        : 'deny' ;
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
FALSE       : 'false' ;

EQ          : '==' ;
NE          : '!=' ;
ASSIGN      : '=' ;   // not an operator: reported with a help line
AMPS        : '&&' ;  // likewise
PIPES       : '||' ;  // likewise
BANG        : '!' ;   // likewise

LPAREN      : '(' ;
RPAREN      : ')' ;
LBRACK      : '[' ;
RBRACK      : ']' ;
COMMA       : ',' ;

// Dotted names are one token, so 'user . name' is not an attribute.
IDENT       : NAME_PART ('.' NAME_PART)* ;
fragment NAME_PART : [A-Za-z_] [A-Za-z0-9_-]* ;

// Any backslash pair is lexed; the builder validates escapes to report the exact position.
STRING      : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '\\'? ;
SINGLE_QUOTED : '\'' ~['\r\n]* '\'' ;

NUMBER      : [0-9]+ ;  // not part of the language; one token makes the error message readable

COMMENT     : ('#' | '//') ~[\r\n]* -> skip ;
WS          : [ \t\r\n\f]+ -> skip ;

// Anything else reaches the parser as one bad token instead of a lexer error.
ERROR_CHAR  : . ;
