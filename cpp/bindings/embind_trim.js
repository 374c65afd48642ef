// An Emscripten JS library (linked with --js-library after embind's own): embind registers its
// built-in types at start-up, and the glue carries each one's JavaScript conversions. The module
// passes only numbers and booleans across the boundary (exchange.hpp), so the types it never
// passes are registered as nothing: std::string, std::wstring, std::u16string, std::u32string
// (the UTF-8/16/32 conversions), memory views, 64-bit integers and emscripten::val (the handle
// table stays, so count_emval_handles() still reports the handles embind holds: always none). A binding that used one of these types would fail to register
// (its function missing from the module), which every test would show at once.
mergeInto(LibraryManager.library, {
  _embind_register_std_string__deps: [],
  _embind_register_std_string: function(rawType, name) {},
  _embind_register_std_wstring__deps: [],
  _embind_register_std_wstring: function(rawType, charSize, name) {},
  _embind_register_memory_view__deps: [],
  _embind_register_memory_view: function(rawType, dataTypeIndex, name) {},
  _embind_register_bigint__deps: [],
  _embind_register_bigint: function(primitiveType, name, size, minRange, maxRange) {},
  _embind_register_emval__deps: ['$init_emval'],
  _embind_register_emval: function(rawType, name) {},
});
