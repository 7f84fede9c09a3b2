//! A serde `Deserializer` over the spanned tree: typed values come from the tree `parse`
//! built, so a file is parsed once. Scalars resolve as YAML 1.2's core schema does (what
//! `serde_yaml` did before it): any scalar reads as text where text is asked for, an empty
//! plain scalar reads as an empty list or mapping, `~`/`null` as nothing.
//!
//! Given the [`Kind`] the tree was validated against, the deserializer also compares, at each
//! mapping a serde type reads as a struct, the keys the schema lists with the keys the type
//! reads, and records any difference ([`schema_drift`]): the hand-written schemas (which give
//! the all-errors, located messages) cannot drift from the types without a test failing.

use std::cell::RefCell;
use std::fmt;
use std::ops::Range;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

use super::{Kind, Node, NodeKind, Problem, ScalarType, scalar_type};

/// Deserialize `node` (which passed `validate` against `kind`) into `T`. A remaining serde
/// error (a value a custom type refuses) is a problem at the value it came from.
pub fn from_node<T: DeserializeOwned>(node: &Node, kind: Option<&Kind>) -> Result<T, Problem> {
    // No drift record: the comparison (and the key paths it names) is for tests only.
    T::deserialize(De { node, kind, drift: None, path: "" }).map_err(|e| {
        let at = e.span.map_or(node.span.start, |s| s.start);
        Problem::new(at..at, e.msg, "fix the value's type or spelling".to_string())
    })
}

/// Where the schema `kind` and the serde type `T` disagree on the keys of a mapping reached
/// while deserializing `node`, as "path: …" lines (empty when they agree). For tests.
#[cfg(test)]
pub fn schema_drift<T: DeserializeOwned>(node: &Node, kind: &Kind) -> (Vec<String>, Result<T, String>) {
    let drift = RefCell::new(Vec::new());
    let value = T::deserialize(De { node, kind: Some(kind), drift: Some(&drift), path: "" }).map_err(|e| e.msg);
    (drift.into_inner().into_iter().filter(|d| !d.starts_with(REACHED)).collect(), value)
}

#[cfg(test)]
const REACHED: &str = "reached ";

/// Every mapping of the schema `kind` (top, nested, in lists and mappings), each reached by
/// deserializing `T` from a tree that holds just the path to it, compared with the keys `T`
/// reads there: the disagreements, and any schema mapping the type never read as a struct.
#[cfg(test)]
pub fn drift_everywhere<T: DeserializeOwned>(kind: &Kind) -> Vec<String> {
    fn node(kind: NodeKind) -> Node {
        Node { span: 0..0, kind }
    }
    fn key(name: &str) -> Node {
        node(NodeKind::Scalar { value: name.to_string(), plain: true })
    }
    /// (path, tree holding an empty mapping at that path) for every mapping under `kind`.
    fn paths(kind: &Kind, path: &str, out: &mut Vec<(String, Node)>) {
        match kind {
            Kind::Struct(fields) => {
                out.push((path.to_string(), node(NodeKind::Map(Vec::new()))));
                for f in *fields {
                    let mut inner = Vec::new();
                    let at = if path.is_empty() { f.name.to_string() } else { format!("{path}.{}", f.name) };
                    paths(&f.kind, &at, &mut inner);
                    for (p, n) in inner {
                        out.push((p, node(NodeKind::Map(vec![(key(f.name), n)]))));
                    }
                }
            }
            Kind::List(item) => {
                let mut inner = Vec::new();
                paths(item, &format!("{path}[1]"), &mut inner);
                out.extend(inner.into_iter().map(|(p, n)| (p, node(NodeKind::Seq(vec![n])))));
            }
            Kind::MapOf(value) => {
                let mut inner = Vec::new();
                paths(value, &format!("{path}.k"), &mut inner);
                out.extend(inner.into_iter().map(|(p, n)| (p, node(NodeKind::Map(vec![(key("k"), n)])))));
            }
            _ => {}
        }
    }
    let mut docs = Vec::new();
    paths(kind, "", &mut docs);
    let mut out = Vec::new();
    for (path, doc) in docs {
        let drift = RefCell::new(Vec::new());
        let _ = T::deserialize(De { node: &doc, kind: Some(kind), drift: Some(&drift), path: "" });
        let drift = drift.into_inner();
        let at = if path.is_empty() { "(top)" } else { path.as_str() };
        if !drift.iter().any(|d| d == &format!("{REACHED}{at}")) {
            out.push(format!("{at}: the type never reads this mapping as a struct"));
        }
        out.extend(drift.into_iter().filter(|d| !d.starts_with(REACHED)));
    }
    out.sort();
    out.dedup();
    out
}

#[derive(Debug)]
pub struct Error {
    msg: String,
    span: Option<Range<usize>>,
    /// Whether `msg` already names the key the value was under.
    keyed: bool,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Error { msg: msg.to_string(), span: None, keyed: false }
    }
}

/// An error that does not know where it happened is placed at `node`.
fn at(node: &Node) -> impl Fn(Error) -> Error + '_ {
    move |mut e| {
        e.span.get_or_insert_with(|| node.span.clone());
        e
    }
}

#[derive(Clone, Copy)]
struct De<'a> {
    node: &'a Node,
    kind: Option<&'a Kind>,
    /// Where schema/type disagreements go (tests); `None` skips the comparison.
    drift: Option<&'a RefCell<Vec<String>>>,
    path: &'a str,
}

// `path` is borrowed from the caller's `String`; children build their own.
#[allow(clippy::needless_lifetimes)]
impl<'a> De<'a> {
    fn child<'b>(&'b self, node: &'b Node, kind: Option<&'b Kind>, path: &'b str) -> De<'b>
    where
        'a: 'b,
    {
        De { node, kind, drift: self.drift, path }
    }

    fn scalar(&self) -> Option<(&'a str, ScalarType)> {
        match &self.node.kind {
            NodeKind::Scalar { value, plain } => Some((value.as_str(), scalar_type(value, *plain))),
            _ => None,
        }
    }

    fn unexpected(&self) -> Unexpected<'a> {
        match &self.node.kind {
            NodeKind::Scalar { value, plain } => match scalar_type(value, *plain) {
                ScalarType::Null => Unexpected::Unit,
                ScalarType::Bool => parse_bool(value).map_or(Unexpected::Str(value), Unexpected::Bool),
                ScalarType::Int => parse_int(value)
                    .and_then(|n| i64::try_from(n).ok())
                    .map_or(Unexpected::Str(value), Unexpected::Signed),
                ScalarType::Float => parse_float(value).map_or(Unexpected::Str(value), Unexpected::Float),
                ScalarType::Str => Unexpected::Str(value),
            },
            NodeKind::Seq(_) => Unexpected::Seq,
            NodeKind::Map(_) => Unexpected::Map,
        }
    }

    fn invalid(&self, exp: &dyn de::Expected) -> Error {
        let mut e = <Error as de::Error>::invalid_type(self.unexpected(), exp);
        e.span = Some(self.node.span.clone());
        e
    }

    fn is_empty_scalar(&self) -> bool {
        matches!(self.scalar(), Some((_, ScalarType::Null)))
    }

    /// The kind of the items of a list, of the values of a mapping.
    fn item_kind(&self) -> Option<&'a Kind> {
        match self.kind {
            Some(Kind::List(k) | Kind::MapOf(k)) => Some(k),
            Some(Kind::Localized) => Some(&Kind::Str),
            _ => None,
        }
    }

    fn check_struct(&self, fields: &'static [&'static str]) {
        let (Some(Kind::Struct(schema)), Some(drift)) = (self.kind, self.drift) else { return };
        let mut out = drift.borrow_mut();
        let at = if self.path.is_empty() { "(top)" } else { self.path };
        #[cfg(test)]
        out.push(format!("{REACHED}{at}"));
        for f in schema.iter().filter(|f| !fields.contains(&f.name)) {
            out.push(format!("{at}: the schema lists `{}`, the type does not read it", f.name));
        }
        for f in fields.iter().filter(|f| !schema.iter().any(|s| s.name == **f)) {
            out.push(format!("{at}: the type reads `{f}`, the schema does not list it"));
        }
    }

    fn int<T: TryFrom<i128>>(&self, exp: &dyn de::Expected) -> Result<T, Error> {
        match self.scalar() {
            Some((v, ScalarType::Int)) => parse_int(v).and_then(|n| T::try_from(n).ok()).ok_or_else(|| {
                let mut e = <Error as de::Error>::invalid_value(Unexpected::Str(v), exp);
                e.span = Some(self.node.span.clone());
                e
            }),
            _ => Err(self.invalid(exp)),
        }
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn parse_int(v: &str) -> Option<i128> {
    let (neg, digits) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    let digits = digits.replace('_', "");
    let n = [("0x", 16), ("0o", 8), ("0b", 2)]
        .iter()
        .find_map(|(p, r)| digits.strip_prefix(p).map(|rest| i128::from_str_radix(rest, *r)))
        .unwrap_or_else(|| digits.parse::<i128>())
        .ok()?;
    Some(if neg { -n } else { n })
}

// A whole number past 2^53 read as a float rounds, as in any YAML reader.
#[allow(clippy::cast_precision_loss)]
fn parse_float(v: &str) -> Option<f64> {
    match v {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Some(f64::NAN),
        _ => v
            .replace('_', "")
            .parse()
            .ok()
            .or_else(|| parse_int(v).and_then(|n| i64::try_from(n).ok()).map(|n| n as f64)),
    }
}

macro_rules! ints {
    ($($method:ident $visit:ident $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let n: $t = self.int(&visitor)?;
            visitor.$visit(n)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Scalar { value, plain } => match scalar_type(value, *plain) {
                ScalarType::Null => visitor.visit_unit(),
                ScalarType::Bool => visitor.visit_bool(parse_bool(value) == Some(true)),
                ScalarType::Int => match parse_int(value) {
                    Some(n) => match (u64::try_from(n), i64::try_from(n)) {
                        (Ok(u), _) => visitor.visit_u64(u),
                        (_, Ok(i)) => visitor.visit_i64(i),
                        _ => visitor.visit_str(value),
                    },
                    None => visitor.visit_str(value),
                },
                ScalarType::Float => match parse_float(value) {
                    Some(f) => visitor.visit_f64(f),
                    None => visitor.visit_str(value),
                },
                ScalarType::Str => visitor.visit_str(value),
            },
            NodeKind::Seq(_) => self.deserialize_seq(visitor),
            NodeKind::Map(_) => self.deserialize_map(visitor),
        }
        .map_err(at(self.node))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some((v, ScalarType::Bool)) => visitor.visit_bool(parse_bool(v) == Some(true)),
            _ => Err(self.invalid(&visitor)),
        }
    }

    ints!(deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16, deserialize_i32 visit_i32 i32,
          deserialize_i64 visit_i64 i64, deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
          deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some((v, ScalarType::Int | ScalarType::Float)) => match parse_float(v) {
                Some(f) => visitor.visit_f64(f),
                None => Err(self.invalid(&visitor)),
            },
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some((v, _)) => visitor.visit_str(v).map_err(at(self.node)),
            None => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_empty_scalar() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_empty_scalar() { visitor.visit_unit() } else { Err(self.invalid(&visitor)) }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Seq(items) => visitor.visit_seq(Seq { de: self, items, next: 0 }).map_err(at(self.node)),
            _ if self.is_empty_scalar() => visitor.visit_seq(Seq { de: self, items: &[], next: 0 }),
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Map(entries) => visitor
                .visit_map(Map { de: self, entries, next: 0, value: None, path: String::new() })
                .map_err(at(self.node)),
            _ if self.is_empty_scalar() => {
                visitor.visit_map(Map { de: self, entries: &[], next: 0, value: None, path: String::new() })
            }
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.check_struct(fields);
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Scalar { value, .. } => {
                visitor.visit_enum(value.as_str().into_deserializer()).map_err(at(self.node))
            }
            NodeKind::Map(entries) if entries.len() == 1 => {
                visitor.visit_enum(Enum { de: self, key: &entries[0].0, value: &entries[0].1 }).map_err(at(self.node))
            }
            _ => Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct Seq<'a> {
    de: De<'a>,
    items: &'a [Node],
    next: usize,
}

impl<'de> SeqAccess<'de> for Seq<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.get(self.next) else { return Ok(None) };
        self.next += 1;
        let path = if self.de.drift.is_some() { format!("{}[{}]", self.de.path, self.next) } else { String::new() };
        seed.deserialize(self.de.child(item, self.de.item_kind(), &path)).map(Some).map_err(at(item))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.next)
    }
}

struct Map<'a> {
    de: De<'a>,
    entries: &'a [(Node, Node)],
    next: usize,
    value: Option<&'a Node>,
    path: String,
}

impl<'de> MapAccess<'de> for Map<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.get(self.next) else { return Ok(None) };
        self.next += 1;
        self.value = Some(value);
        let name = key.as_str().unwrap_or("?");
        if self.de.drift.is_some() {
            self.path = if self.de.path.is_empty() { name.to_string() } else { format!("{}.{name}", self.de.path) };
        }
        seed.deserialize(self.de.child(key, None, &self.path)).map(Some).map_err(at(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(value) = self.value.take() else {
            return Err(de::Error::custom("a value without its key"));
        };
        let name = self.entries[self.next - 1].0.as_str().unwrap_or("");
        let kind = match self.de.kind {
            Some(Kind::Struct(fields)) => fields.iter().find(|f| f.name == name).map(|f| &f.kind),
            _ => self.de.item_kind(),
        };
        seed.deserialize(self.de.child(value, kind, &self.path)).map_err(|mut e| {
            // A refused value (`unknown variant `a3``) names the innermost key it was under.
            if !e.keyed {
                e.msg = format!("`{name}`: {}", e.msg);
                e.keyed = true;
            }
            at(value)(e)
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() - self.next)
    }
}

struct Enum<'a> {
    de: De<'a>,
    key: &'a Node,
    value: &'a Node,
}

impl<'de, 'a> EnumAccess<'de> for Enum<'a> {
    type Error = Error;
    type Variant = De<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, De<'a>), Error> {
        let variant = seed.deserialize(De { node: self.key, kind: None, ..self.de }).map_err(at(self.key))?;
        Ok((variant, De { node: self.value, kind: None, ..self.de }))
    }
}

impl<'de> VariantAccess<'de> for De<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;
    use crate::source::SourceFile;
    use crate::yaml::{Field, field, parse, required};

    fn node(src: &str) -> Node {
        parse(&SourceFile::new("x.yaml", src), 0..src.len()).unwrap().unwrap()
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Step {
        title: String,
        #[serde(default)]
        wait: Option<String>,
        #[serde(default)]
        n: u32,
        #[serde(default)]
        share: f64,
        #[serde(default)]
        on: bool,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        names: BTreeMap<String, String>,
    }

    #[test]
    fn values_come_from_the_tree() {
        let s: Step = from_node(
            &node("title: 2026\nwait: ~\nn: 0x10\nshare: 0.5\non: True\ntags: [a, 'b']\nnames: {en: A}\n"),
            None,
        )
        .unwrap();
        assert_eq!(s.title, "2026");
        assert_eq!(s.wait, None);
        assert_eq!((s.n, s.share, s.on), (16, 0.5, true));
        assert_eq!(s.tags, ["a", "b"]);
        assert_eq!(s.names["en"], "A");
        let s: Step = from_node(&node("title: x\ntags:\n"), None).unwrap();
        assert!(s.tags.is_empty());
    }

    #[derive(Debug, Deserialize)]
    struct Moded {
        #[allow(dead_code)]
        mode: Mode,
    }

    #[test]
    fn a_refused_value_is_located() {
        let src = "title: x\nn: -3\n";
        let p = from_node::<Step>(&node(src), None).unwrap_err();
        assert_eq!(p.span.start, src.find("-3").unwrap());
        assert!(p.message.contains("-3"), "{}", p.message);
        let src = "mode: stems\n";
        let p = from_node::<Moded>(&node(src), None).unwrap_err();
        assert_eq!(p.span.start, src.find("stems").unwrap());
        assert!(p.message.starts_with("`mode`: unknown variant `stems`"), "{}", p.message);
    }

    #[test]
    fn drift_between_schema_and_type_is_reported() {
        static AGREE: [Field; 7] = [
            required("title", Kind::Str),
            field("wait", Kind::Str),
            field("n", Kind::Int),
            field("share", Kind::Number),
            field("on", Kind::Bool),
            field("tags", Kind::List(&Kind::Str)),
            field("names", Kind::MapOf(&Kind::Str)),
        ];
        static DRIFT: [Field; 2] = [required("title", Kind::Str), field("titel", Kind::Str)];
        static STEPS: Kind = Kind::List(&Kind::Struct(&DRIFT));
        let (drift, value) = schema_drift::<Step>(&node("title: x\n"), &Kind::Struct(&AGREE));
        assert!(drift.is_empty() && value.is_ok(), "{drift:?}");
        let (drift, _) = schema_drift::<Vec<Step>>(&node("- title: x\n"), &STEPS);
        assert!(drift.contains(&"[1]: the schema lists `titel`, the type does not read it".to_string()), "{drift:?}");
        assert!(drift.contains(&"[1]: the type reads `wait`, the schema does not list it".to_string()), "{drift:?}");
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Mode {
        Words,
        Chars,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(untagged)]
    enum Text {
        One(String),
        Many(BTreeMap<String, String>),
    }

    #[test]
    fn enums_and_untagged() {
        assert_eq!(from_node::<Mode>(&node("chars\n"), None).unwrap(), Mode::Chars);
        assert!(from_node::<Mode>(&node("stems\n"), None).unwrap_err().message.contains("unknown variant `stems`"));
        assert_eq!(from_node::<Text>(&node("hi\n"), None).unwrap(), Text::One("hi".into()));
        assert!(matches!(from_node::<Text>(&node("en: hi\n"), None).unwrap(), Text::Many(_)));
    }
}
