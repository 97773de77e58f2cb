// A department application as a named module: it requires the SDK modules and nothing else
// (no --add-modules, no --add-reads); what it reads comes through the SDK's module descriptors.
module org.example.consumer {
  requires org.tongban.seal;
  requires org.tongban.license;
}
