//! The descriptors the core's validator, pricing and client read: each field's `FieldSpec` (kind, role,
//! labels, default), the omitted fields, the key lookup, operation tables and prices.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{
    Amount, DefaultValue, Field, FieldRole, Kind, Labels, LookupArm, LookupTarget, OmittedField,
    OperationCase, Operations, Price, Scalar,
};

use super::doc_lines;

/// The model module's `FIELDS`, `OMITTED` and `lookup`.
pub(super) fn field_tables(
    fields: &[Field],
    omitted: &[OmittedField],
    lookup: &[LookupArm],
) -> TokenStream {
    let field_count = Literal::usize_unsuffixed(fields.len());
    let field_specs = fields.iter().map(field_spec);
    let omitted_count = Literal::usize_unsuffixed(omitted.len());
    let omitted_specs = omitted.iter().map(|field| {
        let OmittedField { name, aliases } = field;
        quote!(crate::catalog::OmittedField { name: #name, aliases: &[#(#aliases),*] })
    });
    let lookup_arms = lookup.iter().map(lookup_arm);
    quote! {
        static FIELDS: [crate::catalog::FieldSpec; #field_count] = [#(#field_specs),*];

        static OMITTED: [crate::catalog::OmittedField; #omitted_count] = [#(#omitted_specs),*];

        fn lookup(key: &str) -> Option<crate::catalog::Lookup> {
            Some(match key {
                #(#lookup_arms)*
                _ => return None,
            })
        }
    }
}

pub(super) fn operations_value(operations: &Operations) -> TokenStream {
    let Operations { field, cases } = operations;
    let inputs = operations.inputs();
    let cases = cases.iter().map(|case| {
        let OperationCase { name, requires, accepts } = case;
        quote!(crate::catalog::OperationCase { name: #name, requires: &[#(#requires),*], accepts: &[#(#accepts),*] })
    });
    quote!(crate::catalog::OperationsSpec { field: #field, cases: &[#(#cases),*], inputs: &[#(#inputs),*] })
}

/// The `PriceSpec` value and the constants it names; each constant's doc keeps the amount as written.
pub(super) fn price_tokens(price: &Price) -> (TokenStream, TokenStream) {
    let Price {
        currency,
        per_second,
        minimum_hold,
    } = price;
    let per_second_doc = doc_lines(&[format!(
        "Price of one second of one generated video: {currency} {}.",
        per_second.text
    )]);
    let minimum_hold_doc = doc_lines(&[format!(
        "The least amount held when a job is created: {currency} {}.",
        minimum_hold.text
    )]);
    let per_second = decimal(per_second);
    let minimum_hold = decimal(minimum_hold);
    let value = quote! {
        crate::catalog::PriceSpec { currency: #currency, per_second: PER_SECOND, minimum_hold: MINIMUM_HOLD }
    };
    let consts = quote! {
        #per_second_doc
        const PER_SECOND: rust_decimal::Decimal = #per_second;
        #minimum_hold_doc
        const MINIMUM_HOLD: rust_decimal::Decimal = #minimum_hold;
    };
    (value, consts)
}

fn decimal(amount: &Amount) -> TokenStream {
    let Amount {
        text: _, // in the constant's doc
        lo,
        mid,
        hi,
        negative,
        scale,
    } = amount;
    let [lo, mid, hi, scale] = [lo, mid, hi, scale].map(|part| Literal::u32_unsuffixed(*part));
    quote!(rust_decimal::Decimal::from_parts(#lo, #mid, #hi, #negative, #scale))
}

fn field_spec(field: &Field) -> TokenStream {
    let Field {
        name,
        aliases,
        required,
        names_model: _, // its accepted value is already the model id
        description,
        kind,
        role,
        labels,
        default,
        assumption,
        written: _, // for diagnostics only
    } = field;
    let kind = field_kind(kind);
    let role = optional(role.map(role_variant));
    let labels = labels_value(labels);
    let default = optional(default.as_ref().map(default_value));
    let assumption = optional(assumption.as_ref().map(|text| quote!(#text)));
    quote! {
        crate::catalog::FieldSpec {
            name: #name,
            aliases: &[#(#aliases),*],
            kind: #kind,
            role: #role,
            labels: #labels,
            required: #required,
            description: #description,
            default: #default,
            assumption: #assumption,
        }
    }
}

fn optional(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

fn role_variant(role: FieldRole) -> TokenStream {
    let variant = match role {
        FieldRole::Duration => quote!(Duration),
        FieldRole::SampleCount => quote!(SampleCount),
        FieldRole::PollInterval => quote!(PollInterval),
        FieldRole::InitialWait => quote!(InitialWait),
    };
    quote!(crate::catalog::FieldRole::#variant)
}

fn labels_value(labels: &Labels) -> TokenStream {
    let Labels {
        kind_name,
        kind_label,
        expected,
        range,
    } = labels;
    let range = optional(range.as_ref().map(|range| quote!(#range)));
    quote! {
        crate::catalog::FieldLabels {
            kind_name: #kind_name,
            kind_label: #kind_label,
            expected: #expected,
            range: #range,
        }
    }
}

fn default_value(default: &DefaultValue) -> TokenStream {
    let DefaultValue { value, assumption } = default;
    let value = match value {
        Scalar::Integer(value) => {
            let value = int(*value);
            quote!(crate::catalog::DefaultValue::Integer(#value))
        }
        Scalar::Number(value) => {
            let value = float(*value);
            quote!(crate::catalog::DefaultValue::Number(#value))
        }
        Scalar::String(value) => quote!(crate::catalog::DefaultValue::String(#value)),
        Scalar::Boolean(value) => quote!(crate::catalog::DefaultValue::Boolean(#value)),
    };
    quote!(crate::catalog::DefaultSpec { value: #value, assumption: #assumption })
}

fn field_kind(kind: &Kind) -> TokenStream {
    let bound = |bound: Option<TokenStream>| optional(bound);
    match kind {
        Kind::String { accepted } => {
            quote!(crate::catalog::FieldKind::String { accepted: &[#(#accepted),*] })
        }
        Kind::Number { min, max } => {
            let (min, max) = (bound(min.map(float)), bound(max.map(float)));
            quote!(crate::catalog::FieldKind::Number { min: #min, max: #max })
        }
        Kind::Integer { min, max } => {
            let (min, max) = (bound(min.map(int)), bound(max.map(int)));
            quote!(crate::catalog::FieldKind::Integer { min: #min, max: #max })
        }
        Kind::Boolean => quote!(crate::catalog::FieldKind::Boolean),
        Kind::InlineImage { media_types } => {
            quote!(crate::catalog::FieldKind::InlineImage { media_types: &[#(#media_types),*] })
        }
        Kind::InlineImageList { media_types } => {
            quote!(crate::catalog::FieldKind::InlineImageList { media_types: &[#(#media_types),*] })
        }
        Kind::VideoSource { media_types } => {
            quote!(crate::catalog::FieldKind::VideoSource { media_types: &[#(#media_types),*] })
        }
    }
}

fn lookup_arm(arm: &LookupArm) -> TokenStream {
    let LookupArm { keys, target } = arm;
    let (variant, index) = match *target {
        LookupTarget::Field(index) => (quote!(Field), index),
        LookupTarget::Alias(index) => (quote!(Alias), index),
        LookupTarget::Omitted(index) => (quote!(Omitted), index),
    };
    let index = Literal::usize_unsuffixed(index);
    quote!(#(#keys)|* => crate::catalog::Lookup::#variant(#index),)
}

fn int(value: i64) -> TokenStream {
    let literal = Literal::u64_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}

fn float(value: f64) -> TokenStream {
    let literal = Literal::f64_unsuffixed(value.abs());
    if value.is_sign_negative() {
        quote!(-#literal)
    } else {
        quote!(#literal)
    }
}
