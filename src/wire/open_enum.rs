//! One mechanism for every enumeration Stripe documents: `open_enum!`.
//!
//! Stripe adds enum values over time. Each enum made here has one variant per value the crate knows
//! plus `Other(String)`, which a caller can send when Stripe documents a value this version of the
//! crate does not list yet, and which an unknown value in a response decodes to instead of failing.
//! Equality and hashing go by the wire string, so `Other("en".into()) == Locale::En`.

/// Declares an open enum: known variants with their wire names, plus `Other(String)`.
///
/// The variants are a table, one row each: `Variant = "wire": "Its doc.",` (the doc string
/// becomes the variant's doc comment; a long row goes on with the doc on the next line). A row
/// may also carry its doc as `///` lines above `Variant = "wire",`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal $(: $doc:literal)?, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $(#[doc = $doc])? $variant, )+
            /// A value this version of the crate does not know: sent and received as written.
            Other(String),
        }

        impl $name {
            /// The value as Stripe spells it on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Other(other) => other,
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Other(_) => Self::Other(value),
                    known => known,
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }

        /// Sent as its wire string; an empty `Other("")` is refused, since `key=` would clear the
        /// parameter instead of setting a value.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self.as_str() {
                    "" => Err(<S::Error as serde::ser::Error>::custom("must not be empty")),
                    value => serializer.serialize_str(value),
                }
            }
        }

        /// Never empty: `Other("")` refuses to serialize by itself.
        impl $crate::EmptyValue for $name {}

        impl $crate::wire::open_enum::OpenEnum for $name {
            const KNOWN: &'static [&'static str] = &[$($wire),+];

            fn wire(&self) -> &str {
                self.as_str()
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value: $crate::wire::tagged::Str<'de> = serde::Deserialize::deserialize(deserializer)?;
                Ok(Self::from(&*value))
            }
        }
    };
}
// Crate-private: the enums it makes are public, the macro is machinery (`crate::open_enum!`).
pub(crate) use open_enum;

/// What every open enum knows about itself: the wire names of its known variants. Lets a strict
/// reader (a configuration file) refuse a value the crate does not list, naming the known ones.
#[allow(dead_code)] // used by `config_as_code`, behind its feature
pub(crate) trait OpenEnum {
    /// The wire names of the known variants, in declaration order.
    const KNOWN: &'static [&'static str];
    /// The value as Stripe spells it.
    fn wire(&self) -> &str;
}

#[cfg(test)]
mod tests {
    crate::open_enum! {
        /// A test enum.
        pub enum Colour {
            Red = "red": "Red.",
            /// Light blue.
            LightBlue = "light_blue",
        }
    }

    #[test]
    fn known_and_unknown_values_round_trip() {
        let decoded: Vec<Colour> = serde_json::from_str(r#"["red","light_blue","ultraviolet"]"#).unwrap();
        assert_eq!(decoded, vec![Colour::Red, Colour::LightBlue, Colour::Other("ultraviolet".into())]);
        assert_eq!(serde_json::to_string(&decoded).unwrap(), r#"["red","light_blue","ultraviolet"]"#);
        assert_eq!(Colour::Other("red".into()), Colour::Red);
        assert_eq!(Colour::from("light_blue".to_owned()), Colour::LightBlue);
        assert_eq!(Colour::LightBlue.to_string(), "light_blue");
    }

    #[test]
    fn an_empty_value_is_refused_when_sent() {
        #[derive(serde::Serialize)]
        struct Params {
            colours: Vec<Colour>,
        }
        let err =
            crate::form::to_string(&Params { colours: vec![Colour::Red, Colour::Other(String::new())] }).unwrap_err();
        assert_eq!((err.key(), err.reason()), ("colours[1]", "must not be empty"));
    }
}
