# Writes OUTPUT, a C++ file defining nz::app::kDemoSiteJson with the contents of INPUT.
file(READ "${INPUT}" content)
set(delim "nzdemo")
file(WRITE "${OUTPUT}" "// Generated from demo/demo_site.json by embed_demo.cmake; do not edit.\nnamespace nz::app {\nextern const char* const kDemoSiteJson;\nconst char* const kDemoSiteJson = R\"${delim}(${content})${delim}\";\n}  // namespace nz::app\n")
