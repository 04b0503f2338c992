"""One module per page of the app; each has a render() that main() hands to st.navigation."""
