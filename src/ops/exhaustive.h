#pragma once

// For `if constexpr` visitors over Op: one branch per group of kinds and a final
// `else static_assert(kMissedOp<T>, ...)`, so an op kind the visitor forgets does not compile
// (render/alembic_ops.h gets the same from one overload per kind).

#include <type_traits>

namespace asq {

/// Whether `T` is one of `Kinds`: the op kinds one branch of a visitor handles.
template <typename T, typename... Kinds>
inline constexpr bool kOneOf = (std::is_same_v<T, Kinds> || ...);

/// False for every op kind, but only when instantiated (a dependent false): the final `else`
/// of a visitor asserts it.
template <typename>
inline constexpr bool kMissedOp = false;

}  // namespace asq
