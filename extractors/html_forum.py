def find_thread(root, text):
    return None
def extract_thread(*a):
    pass
