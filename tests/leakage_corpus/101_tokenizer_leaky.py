# expect: TFL101
import pandas as pd
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
from sklearn.model_selection import train_test_split

df = pd.read_csv("spam.csv", encoding="latin-1")
messages = df["v2"].astype(str).tolist()
labels = (df["v1"] == "spam").astype(int).values

tok = Tokenizer(num_words=5000, oov_token="<OOV>")
tok.fit_on_texts(messages)
padded = pad_sequences(tok.texts_to_sequences(messages), maxlen=100)

x_train, x_test, y_train, y_test = train_test_split(padded, labels, test_size=0.2)
