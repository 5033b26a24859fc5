# expect: clean
import pandas as pd
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
from sklearn.model_selection import train_test_split

df = pd.read_csv("spam.csv", encoding="latin-1")
messages = df["v2"].astype(str).tolist()
labels = (df["v1"] == "spam").astype(int).values

msg_train, msg_test, y_train, y_test = train_test_split(messages, labels, test_size=0.2)
tok = Tokenizer(num_words=5000, oov_token="<OOV>")
tok.fit_on_texts(msg_train)
x_train = pad_sequences(tok.texts_to_sequences(msg_train), maxlen=100)
x_test = pad_sequences(tok.texts_to_sequences(msg_test), maxlen=100)
