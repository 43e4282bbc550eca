//! The syntax tree: plain data, as the parser saw it. Types are still
//! syntax here ([`DeclSpec`] plus declarator derivations); the checker
//! resolves them.

// The tree records what the source said even where no pass reads it yet
// (`const`, storage classes of definitions, error placeholders).
#![allow(dead_code)]

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Plus,
    Not,
    BitNot,
    Deref,
    AddrOf,
    PreInc,
    PreDec,
    PostInc,
    PostDec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    And,
    Or,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Lt => "<",
            BinOp::Gt => ">",
            BinOp::Le => "<=",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::BitAnd => "&",
            BinOp::BitXor => "^",
            BinOp::BitOr => "|",
            BinOp::And => "&&",
            BinOp::Or => "||",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub loc: Loc,
    /// Height of this tree, so the checker never recurses too deep.
    pub depth: u32,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Int {
        value: u64,
        unsigned: bool,
        longs: u8,
        decimal: bool,
    },
    Float {
        value: f64,
        single: bool,
    },
    Char(i64),
    Str(Vec<u8>),
    Ident(String),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Assign(Option<BinOp>, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    Index(Box<Expr>, Box<Expr>),
    Member(Box<Expr>, String, bool),
    Cast(Box<TypeName>, Box<Expr>),
    SizeofType(Box<TypeName>),
    SizeofExpr(Box<Expr>),
    AlignofType(Box<TypeName>),
    Comma(Box<Expr>, Box<Expr>),
    CompoundLit(Box<TypeName>, Vec<InitItem>),
    /// Stands in for an expression that failed to parse.
    Error,
}

#[derive(Debug, Clone)]
pub enum Designator {
    Field(String, Loc),
    Index(Expr),
}

#[derive(Debug, Clone)]
pub struct InitItem {
    pub designators: Vec<Designator>,
    pub init: Init,
}

#[derive(Debug, Clone)]
pub enum Init {
    Expr(Expr),
    List(Vec<InitItem>, Loc),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    None,
    Typedef,
    Extern,
    Static,
    Auto,
    Register,
}

#[derive(Debug, Clone)]
pub enum BaseType {
    Void,
    Bool,
    /// `char` (signed on this target), `signed char`, `unsigned char`.
    Char(Option<bool>),
    /// Size in bytes and signedness.
    Int(u8, bool),
    Float,
    Double,
    Named(String),
    Record(Box<RecordSpec>),
    Enum(Box<EnumSpec>),
    Error,
}

#[derive(Debug, Clone)]
pub struct RecordSpec {
    pub is_union: bool,
    pub tag: Option<String>,
    pub fields: Option<Vec<FieldDecl>>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct FieldDecl {
    pub base: BaseType,
    pub name: Option<String>,
    pub derivs: Vec<Deriv>,
    pub bits: Option<Expr>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct EnumSpec {
    pub tag: Option<String>,
    pub items: Option<Vec<(String, Option<Expr>, Loc)>>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct DeclSpec {
    pub storage: Storage,
    pub base: BaseType,
    pub is_const: bool,
    pub loc: Loc,
}

/// One step of a declarator, applied to the base type in order.
#[derive(Debug, Clone)]
pub enum Deriv {
    Ptr,
    Array(Option<Box<Expr>>),
    Func(Vec<Param>, bool),
}

#[derive(Debug, Clone)]
pub struct Param {
    pub base: BaseType,
    pub name: Option<String>,
    pub derivs: Vec<Deriv>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct TypeName {
    pub base: BaseType,
    pub derivs: Vec<Deriv>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Decl {
    pub storage: Storage,
    pub base: BaseType,
    pub name: String,
    pub derivs: Vec<Deriv>,
    pub init: Option<Init>,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub kind: StmtKind,
    pub loc: Loc,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    Expr(Expr),
    Empty,
    /// Declarations, plus record and enum definitions that introduce
    /// names (a `struct s {...};` with no declarator).
    Decl(Vec<Decl>, Vec<BaseType>),
    Block(Vec<Stmt>),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    DoWhile(Box<Stmt>, Expr),
    For(Option<Box<Stmt>>, Option<Expr>, Option<Expr>, Box<Stmt>),
    Switch(Expr, Box<Stmt>),
    Case(Expr, Box<Stmt>),
    Default(Box<Stmt>),
    Break,
    Continue,
    Return(Option<Expr>),
    Goto(String),
    Label(String, Box<Stmt>),
}

#[derive(Debug, Clone)]
pub struct FuncDef {
    pub storage: Storage,
    pub base: BaseType,
    pub name: String,
    /// The declarator's derivations; the last is the function itself.
    pub derivs: Vec<Deriv>,
    pub body: Stmt,
    pub loc: Loc,
    pub end_line: u32,
}

#[derive(Debug, Clone)]
pub enum External {
    Func(FuncDef),
    Decl(Stmt),
}

#[derive(Debug, Clone, Default)]
pub struct TranslationUnit {
    pub items: Vec<External>,
}
